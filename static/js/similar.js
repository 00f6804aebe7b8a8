// While someone types the title of a new idea, show the existing ideas that look like it.
// Without JavaScript the button "Look for similar ideas first" does the same.
(function () {
  "use strict";
  var box = document.getElementById("similar-live");
  var title = document.getElementById("title");
  if (!box || !title || !window.fetch) { return; }
  var body = document.getElementById("body");
  var timer = null;
  var last = "";

  function look() {
    var text = title.value.trim();
    if (text.length < 4 || text === last) { return; }
    last = text;
    var url = box.getAttribute("data-url") + "?titel=" + encodeURIComponent(text) +
      "&tekst=" + encodeURIComponent(body ? body.value.slice(0, 2000) : "");
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { /* the button still works */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(look, 500);
  }

  title.addEventListener("input", later);
  title.addEventListener("blur", look);
})();
