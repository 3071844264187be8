// The print view's "Print this page" button: shown only when JavaScript runs.
(function () {
  "use strict";
  var button = document.querySelector("[data-print]");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
