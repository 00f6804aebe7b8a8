/* Cast and take back votes without reloading the page. Without this script the forms post and
   the page comes back; with it, the same forms are sent with fetch and the counts change in place.
   On the ranking page the script then reads the page's ranking as JSON (the same computation as the
   page) and shows its places, shared places, totals and order, so the screen is what a reload shows. */
(function () {
  "use strict";
  if (window.participationVotes) { return; }
  window.participationVotes = true;

  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  function update(data) {
    var id = String(data.idea_id);
    all('[data-vote-total="' + id + '"]').forEach(function (el) { el.textContent = data.total.toLocaleString("nl-BE"); });
    all('[data-vote-mine="' + id + '"]').forEach(function (el) { el.textContent = data.mine; });
    all("[data-vote-remaining]").forEach(function (el) { el.textContent = data.remaining_text; });
    all('form[data-vote-form="withdraw"][data-idea="' + id + '"]').forEach(function (form) { form.hidden = !data.can_withdraw; });
    all('[data-vote-cast="' + id + '"]').forEach(function (button) {
      button.disabled = !data.can_cast;
      if (data.at_max) { button.setAttribute("data-vote-blocked", "max"); } else { button.removeAttribute("data-vote-blocked"); }
    });
    /* Other ideas: with no votes left, nothing else can be given a vote. */
    all("[data-vote-cast]").forEach(function (button) {
      if (button.getAttribute("data-vote-cast") !== id) {
        if (!data.can_cast_more) { button.disabled = true; }
        else if (button.getAttribute("data-vote-blocked") !== "max") { button.disabled = false; }
      }
    });
  }

  function say(id, text, isError) {
    all('[data-vote-message="' + id + '"]').forEach(function (el) {
      el.textContent = text;
      el.classList.toggle("vote-error", !!isError);
    });
  }

  function showPlace(row, item, sharedText) {
    var cell = row.querySelector(".rank-place");
    cell.querySelector(".rank-number").textContent = item.place;
    var tag = cell.querySelector(".tag");
    if (item.shared && !tag) {
      tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = sharedText;
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(tag);
    } else if (!item.shared && tag) {
      if (tag.previousSibling && tag.previousSibling.nodeType === 3) { cell.removeChild(tag.previousSibling); }
      cell.removeChild(tag);
    }
  }

  function showRanking(table, data) {
    var body = table.tBodies[0];
    var rows = {};
    Array.prototype.forEach.call(body.querySelectorAll("tr[data-ranking-row]"), function (row) {
      rows[row.getAttribute("data-ranking-row")] = row;
    });
    var complete = data.ideas.length === body.rows.length && data.ideas.every(function (item) {
      return rows[String(item.id)];
    });
    if (!complete) { window.location.reload(); return; } /* another idea came onto this page */
    var focused = document.activeElement;
    data.ideas.forEach(function (item, index) {
      var row = rows[String(item.id)];
      if (body.rows[index] !== row) { body.insertBefore(row, body.rows[index]); }
      showPlace(row, item, table.getAttribute("data-shared-text"));
      all('[data-vote-total="' + item.id + '"]').forEach(function (el) { el.textContent = item.votes_text; });
    });
    if (focused && focused !== document.activeElement && document.body.contains(focused)) { focused.focus(); }
  }

  var asked = 0;
  function refreshRanking() {
    var table = document.querySelector("table[data-ranking-source]");
    if (!table) { return; }
    var mine = ++asked;
    fetch(table.getAttribute("data-ranking-source"), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (data) {
      if (data && mine === asked) { showRanking(table, data); }
    }).catch(function () { /* the counts are right; the places follow at the next vote or reload */ });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-vote-form]")) { return; }
    event.preventDefault();
    var id = form.getAttribute("data-idea");
    var button = form.querySelector("button");
    if (button.getAttribute("aria-busy") === "true") { return; }
    button.setAttribute("aria-busy", "true");
    var token = form.querySelector('input[name="csrf_token"]');
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      if (response.status === 429) { return { rate_limited: true }; }
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { form.submit(); return null; }
      return response.json();
    }).then(function (data) {
      if (!data) { return; }
      if (data.rate_limited) { say(id, form.getAttribute("data-rate-message"), true); return; }
      update(data);
      say(id, data.message, !data.ok);
      refreshRanking();
    }).catch(function () {
      form.submit();
    }).then(function () {
      button.removeAttribute("aria-busy");
    });
  });
})();
