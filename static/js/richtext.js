// The formatting buttons above a text field: they insert the Markdown marks the hint explains.
// Without JavaScript the buttons stay hidden and people type the marks themselves.
(function () {
  "use strict";

  function insert(field, before, middle, after, selectMiddle) {
    var start = field.selectionStart, end = field.selectionEnd, text = field.value;
    var chosen = text.slice(start, end) || middle;
    field.value = text.slice(0, start) + before + chosen + after + text.slice(end);
    field.focus();
    var from = start + before.length;
    if (selectMiddle) { field.setSelectionRange(from, from + chosen.length); }
    else { field.setSelectionRange(from + chosen.length + after.length, from + chosen.length + after.length); }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function listLines(field) {
    var start = field.selectionStart, end = field.selectionEnd, text = field.value;
    var lineStart = text.lastIndexOf("\n", start - 1) + 1;
    var lineEnd = text.indexOf("\n", end);
    if (lineEnd === -1) { lineEnd = text.length; }
    var lines = text.slice(lineStart, lineEnd).split("\n").map(function (line) {
      return /^- /.test(line) ? line : "- " + line;
    });
    var result = lines.join("\n");
    field.value = text.slice(0, lineStart) + result + text.slice(lineEnd);
    field.focus();
    field.setSelectionRange(lineStart + result.length, lineStart + result.length);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function mark(field, kind, sample) {
    if (kind === "bold") { insert(field, "**", sample, "**", true); }
    else if (kind === "italic") { insert(field, "_", sample, "_", true); }
    else if (kind === "list") { listLines(field); }
    else if (kind === "link") {
      insert(field, "[", sample, "](https://)", false);
      var at = field.selectionStart - 1;
      field.setSelectionRange(at - "https://".length, at);
    }
  }

  var bars = document.querySelectorAll("[data-rich-text-for]");
  Array.prototype.forEach.call(bars, function (bar) {
    var field = document.getElementById(bar.getAttribute("data-rich-text-for"));
    if (!field || typeof field.selectionStart !== "number") { return; }
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-mark]");
      if (!button) { return; }
      mark(field, button.getAttribute("data-mark"), button.getAttribute("data-sample"));
    });
  });
})();
