/* Shows how strong a new passphrase looks while it is typed. A rough guide
   only: the server checks properly when the form is sent. Nothing typed
   leaves this page. */
(function () {
  "use strict";
  var input = document.getElementById("id_new_passphrase");
  var out = document.getElementById("strength");
  if (!input || !out) return;
  var common = ["password", "123456", "qwerty", "letmein", "iloveyou", "admin", "welcome", "monkey", "dragon", "abc123"];
  function estimate(value) {
    if (!value) return -1;
    var lower = value.toLowerCase();
    for (var i = 0; i < common.length; i++) { if (lower.indexOf(common[i]) !== -1) return 0; }
    var pool = 0;
    if (/[a-z]/.test(value)) pool += 26;
    if (/[A-Z]/.test(value)) pool += 26;
    if (/[0-9]/.test(value)) pool += 10;
    if (/[^a-zA-Z0-9]/.test(value)) pool += 33;
    var unique = {};
    for (var j = 0; j < value.length; j++) unique[value[j]] = true;
    var variety = Math.min(value.length, Object.keys(unique).length * 1.5);
    var bits = variety * Math.log2(Math.max(pool, 1));
    var words = value.trim().split(/\s+/).length;
    if (words >= 4 && value.length >= 16) bits = Math.max(bits, 60);
    if (value.length < 10) return 0;
    if (bits < 40) return 1;
    if (bits < 55) return 2;
    if (bits < 70) return 3;
    return 4;
  }
  var labels = JSON.parse(out.getAttribute("data-labels") || "null") || [
    "Too short or too easy to guess yet.",
    "Weak: someone could guess this. Add another word or two.",
    "Getting there: one more unrelated word would help.",
    "Good: this looks hard to guess.",
    "Strong: this looks very hard to guess."
  ];
  function update() {
    var score = estimate(input.value);
    if (score < 0) { out.hidden = true; return; }
    out.hidden = false;
    out.textContent = labels[score];
    out.setAttribute("data-score", String(score));
  }
  input.addEventListener("input", update);
})();
