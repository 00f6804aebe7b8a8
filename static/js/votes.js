/* Cast and take back votes without reloading the page. Without this script the forms post and
   the page comes back; with it, the same forms are sent with fetch and the counts change in place. */
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
    }).catch(function () {
      form.submit();
    }).then(function () {
      button.removeAttribute("aria-busy");
    });
  });
})();
