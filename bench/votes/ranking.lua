-- The ranking page of the process, on one of its first 25 pages, as an anonymous visitor.
request = function()
  return wrk.format("GET", ranking_path .. "?page=" .. math.random(25))
end
