// "Copy link" for the supporters page. Without JavaScript the link is still
// there to select and copy by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = button.closest("section").querySelector("[data-copy-status]");
    if (!field) return;
    button.hidden = false;

    function say(text) { if (status) status.textContent = text; }

    function selectLink() {
      var range = document.createRange();
      range.selectNodeContents(field);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    function fallback() {
      selectLink();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(button.getAttribute(copied ? "data-copied" : "data-failed"));
    }

    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.textContent.trim()).then(
          function () { say(button.getAttribute("data-copied")); },
          fallback
        );
      } else {
        fallback();
      }
    });
  });
})();
