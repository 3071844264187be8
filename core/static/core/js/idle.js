/* Auto-lock: after the chosen idle time, leave this page for the unlock page,
   so nothing private stays on an unattended screen. The server decides whether
   the space is really idle (another tab may be in use): if it is, it locks; if
   not, the unlock page simply sends this tab home. */
(function () {
  "use strict";
  var body = document.body;
  var minutes = parseInt(body.getAttribute("data-idle-minutes") || "0", 10);
  var lockUrl = body.getAttribute("data-lock-url");
  if (!minutes || !lockUrl) return;
  var limit = minutes * 60 * 1000;
  var last = Date.now();
  var told = Date.now();
  var aliveUrl = body.getAttribute("data-alive-url");
  var tokenTag = document.querySelector("meta[name=csrf-token]");
  // Typing a long entry makes no requests; tell the server the person is
  // still here, so it doesn't lock under them and lose what they typed.
  function active() {
    last = Date.now();
    if (aliveUrl && tokenTag && last - told > 60000) {
      told = last;
      fetch(aliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": tokenTag.getAttribute("content") }
      }).catch(function () {});
    }
  }
  ["keydown", "pointerdown", "scroll", "input"].forEach(function (name) {
    document.addEventListener(name, active, { passive: true });
  });
  setInterval(function () {
    if (Date.now() - last >= limit) {
      document.documentElement.classList.add("hv-leaving");
      window.location.replace(lockUrl);
    }
  }, 5000);
})();
