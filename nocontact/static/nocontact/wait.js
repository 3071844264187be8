// Ten minutes, counted down on the page; without JavaScript it says when to come back.
(function () {
  "use strict";
  var box = document.querySelector("[data-wait]");
  if (!box) return;
  var left = box.querySelector("[data-wait-left]");
  var done = box.querySelector("[data-wait-done]");
  var word = box.querySelector("[data-word-left]").textContent;
  var total = parseInt(box.getAttribute("data-seconds"), 10) || 600;
  var began = Date.now();
  var timer = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var remaining = total - Math.floor((Date.now() - began) / 1000);
    if (remaining <= 0) {
      clearInterval(timer);
      left.hidden = true;
      done.hidden = false;
      done.focus();
      return;
    }
    left.textContent = Math.floor(remaining / 60) + ":" + pad(remaining % 60) + " " + word;
  }

  left.hidden = false;
  tick();
  timer = setInterval(tick, 1000);
})();
