/* Quick exit: the button, Shift pressed three times, and the Back-button guard.
   Loaded in <head> so it works from the first moment the page is shown. */
(function () {
  "use strict";
  var root = document.documentElement;
  var leaving = false;

  function button() { return document.getElementById("quick-exit"); }

  function leave() {
    if (leaving) return;
    leaving = true;
    var link = button();
    var target = (link && link.getAttribute("data-exit-url")) || "https://www.bbc.com/weather";
    var beacon = (link && link.getAttribute("href")) || "/x/";
    // 1. Hide at once, before anything else can be seen.
    root.classList.add("hv-leaving");
    document.title = "";
    // 2. Wipe what was typed, so it isn't restored by the browser.
    var fields = document.querySelectorAll("input, textarea, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "checkbox" || f.type === "radio") { f.checked = false; }
      else if (f.type !== "hidden" && f.type !== "submit" && f.type !== "button") { f.value = ""; }
    }
    if (document.body) { document.body.replaceChildren(); }
    // 3. Lock the vault on the server, even as this page goes away.
    try {
      if (!(navigator.sendBeacon && navigator.sendBeacon(beacon, ""))) {
        fetch(beacon, { method: "POST", keepalive: true, credentials: "same-origin" });
      }
    } catch (e) { /* leaving matters more than locking from here */ }
    // 4. Replace this page in history with the neutral site.
    window.location.replace(target);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("#quick-exit");
    if (!link) return;
    event.preventDefault();
    leave();
  });

  // Shift three times in a row (within two seconds), with nothing typed in between.
  var presses = 0;
  var timer = null;
  function announce(text) {
    var hint = document.getElementById("exit-hint");
    if (hint) hint.textContent = text;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    if (event.repeat) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; announce(""); }, 2000);
    if (presses >= 3) { leave(); }
    else if (presses === 1) {
      var hint = document.getElementById("exit-hint");
      announce((hint && hint.getAttribute("data-text")) || "Press Shift two more times to leave.");
    }
  }, true);

  // Coming back with the Back button may show a page kept in memory.
  // Hide it and ask the server again, which answers "locked" after an exit.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      root.classList.add("hv-leaving");
      window.location.reload();
    }
  });

  window.havenLeave = leave;
})();
