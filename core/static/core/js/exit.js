/* Quick exit: the button, Shift pressed three times, and the Back-button guard.
   Leaving, locking or signing out in one tab does the same in every open
   Haven tab of this browser.
   Loaded in <head> so it works from the first moment the page is shown. */
(function () {
  "use strict";
  var root = document.documentElement;
  var leaving = false;

  function button() { return document.getElementById("quick-exit"); }

  // Every open Haven tab of this browser hears what one tab does: leaving,
  // locking, signing out. The messages carry no private data, only what to do.
  var CHANNEL = "hv";
  var channel = null;
  try { if (window.BroadcastChannel) channel = new BroadcastChannel(CHANNEL); } catch (e) { channel = null; }

  function tell(message) {
    try {
      if (channel) { channel.postMessage(message); return; }
      // Older browsers: a storage event reaches the other tabs. Written and
      // removed at once, so nothing stays in localStorage to be read later.
      var key = CHANNEL + "-" + Math.random().toString(36).slice(2);
      window.localStorage.setItem(key, JSON.stringify(message));
      window.localStorage.removeItem(key);
    } catch (e) { /* leaving this tab matters more than telling the others */ }
  }

  function leave(fromAnotherTab) {
    if (leaving) return;
    leaving = true;
    if (!fromAnotherTab) tell({ t: "leave" });
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
    leave(false);
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
    if (presses >= 3) { leave(false); }
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

  // Lock and sign out: hide every tab at once, tell the server, then send
  // every tab to the page that asks for the passphrase (or to sign in).
  function place(name) {
    var link = button();
    var value = link && link.getAttribute(name);
    return value && value.charAt(0) === "/" && value.charAt(1) !== "/" ? value : null;
  }
  function pathOf(url) {
    try { return new URL(url, window.location.href).pathname; } catch (e) { return null; }
  }
  var going = null;
  function go(to) {
    if (!to) return;
    root.classList.add("hv-leaving");
    window.location.replace(to);
  }
  function hide(to) {
    // Blank at once; if the tab that locked never says it is done, go anyway.
    root.classList.add("hv-leaving");
    clearTimeout(going);
    going = setTimeout(function () { go(to); }, 4000);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.tagName !== "FORM" || event.defaultPrevented) return;
    var action = pathOf(form.action);
    var lockUrl = place("data-lock-url");
    var signOutUrl = place("data-sign-out-url");
    var to = null;
    if (action && action === lockUrl) to = place("data-unlock-url");
    else if (action && action === signOutUrl) to = place("data-sign-in-url");
    if (!to || !window.fetch || !window.FormData) return;
    event.preventDefault();
    hide(to);
    tell({ t: "hide", to: to });
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function () {
      clearTimeout(going);
      tell({ t: "go", to: to });
      go(to);
    }, function () {
      // Could not reach the server from here: send the form the plain way.
      clearTimeout(going);
      tell({ t: "go", to: to });
      HTMLFormElement.prototype.submit.call(form);
    });
  }, true);

  function heard(message) {
    if (!message || typeof message !== "object") return;
    var allowed = [place("data-unlock-url"), place("data-sign-in-url")];
    var to = allowed.indexOf(message.to) >= 0 ? message.to : null;
    if (message.t === "leave") leave(true);
    else if (message.t === "hide" && to) hide(to);
    else if (message.t === "go" && to) { clearTimeout(going); go(to); }
  }
  if (channel) channel.onmessage = function (event) { heard(event.data); };
  else window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(CHANNEL + "-") !== 0 || !event.newValue) return;
    try { heard(JSON.parse(event.newValue)); } catch (e) { /* not ours */ }
  });

  window.havenLeave = function () { leave(false); };
})();
