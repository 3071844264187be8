/* "Copy" buttons: copy a script's words, then say so in a live region.
   Without JavaScript the buttons are hidden and the words are plain text,
   easy to select by hand. */
(function () {
  "use strict";
  var timers = {};

  function say(status, key) {
    if (!status) return;
    var text = status.getAttribute("data-" + key) || "";
    // Clear first so the same message is announced again on a second copy.
    status.textContent = "";
    clearTimeout(timers[status.id]);
    setTimeout(function () { status.textContent = text; }, 60);
    timers[status.id] = setTimeout(function () { status.textContent = ""; }, 6000);
  }

  function selectWords(target) {
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback(target, status) {
    selectWords(target);
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    say(status, copied ? "copied" : "selected");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-copy-target]") : null;
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!target) return;
    var text = (target.innerText || target.textContent || "").replace(/\s+\n/g, "\n").trim();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { say(status, "copied"); },
        function () { fallback(target, status); }
      );
    } else {
      fallback(target, status);
    }
  });
})();
