-- Cast (60 %) or take back (40 %) one vote, as a random voter on a random idea, like votes.js does.
-- `voters`, `first_idea` and `idea_count` come from voters.lua, written by run.py.
request = function()
  local voter = voters[math.random(#voters)]
  local idea = first_idea + math.random(idea_count) - 1
  local path = "/stemmen/ideeen/" .. idea
  if math.random() >= 0.6 then path = path .. "/intrekken" end
  return wrk.format("POST", path, {
    ["Cookie"] = "session=" .. voter[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["X-CSRFToken"] = voter[2],
  }, "csrf_token=" .. voter[2])
end
