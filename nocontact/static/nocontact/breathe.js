// One paced minute: in for 4, out for 6, a circle that grows and shrinks.
// Without JavaScript the page shows the same as numbered steps.
(function () {
  "use strict";
  var box = document.querySelector("[data-breathe]");
  if (!box) return;
  var steps = document.querySelector("[data-breathe-steps]");
  var word = box.querySelector("[data-breathe-word]");
  var left = box.querySelector("[data-breathe-left]");
  var start = box.querySelector("[data-breathe-start]");
  var done = box.querySelector("[data-breathe-done]");
  var counter = box.querySelector("[data-breathe-count]");
  var text = function (name) { return box.querySelector("[data-word-" + name + "]").textContent; };
  var total = parseInt(box.getAttribute("data-seconds"), 10) || 60;
  var IN = 4, OUT = 6, timer = null, began = 0;

  box.hidden = false;
  if (steps) steps.hidden = true;

  function tick() {
    var gone = Math.floor((Date.now() - began) / 1000);
    if (gone >= total) {
      clearInterval(timer);
      timer = null;
      box.classList.remove("breathing", "breathe-in", "breathe-out");
      word.textContent = "";
      counter.textContent = "";
      left.textContent = "";
      done.hidden = false;
      start.hidden = false;
      done.focus();
      return;
    }
    var inCycle = gone % (IN + OUT);
    var breathingIn = inCycle < IN;
    var count = breathingIn ? IN - inCycle : IN + OUT - inCycle;
    var now = breathingIn ? text("in") : text("out");
    box.classList.toggle("breathe-in", breathingIn);
    box.classList.toggle("breathe-out", !breathingIn);
    // The live region hears only the change of direction, not every second.
    if (word.textContent !== now) word.textContent = now;
    counter.textContent = count;
    left.textContent = (total - gone) + " " + text("seconds");
  }

  start.addEventListener("click", function () {
    if (timer) return;
    began = Date.now();
    done.hidden = true;
    start.hidden = true;
    box.classList.add("breathing");
    tick();
    timer = setInterval(tick, 250);
  });
})();
