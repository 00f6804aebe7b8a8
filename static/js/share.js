// Where the device has a share sheet (most phones), offer it next to the plain share links.
(function () {
  "use strict";
  if (!navigator.share) { return; }
  Array.prototype.forEach.call(document.querySelectorAll(".share-native"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.share({ title: button.getAttribute("data-title"), url: button.getAttribute("data-url") })
        .catch(function () { /* closed by the person: nothing to do */ });
    });
  });
})();
