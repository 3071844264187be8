/* Shows how strong a new passphrase looks while it is typed. A rough guide
   only: the server checks properly when the form is sent. Nothing typed
   leaves this page. */
(function () {
  "use strict";
  var input = document.getElementById("id_new_passphrase");
  var out = document.getElementById("strength");
  if (!input || !out) return;
  var nameInput = document.getElementById("id_username");
  var common = ["password", "passw0rd", "123456", "111111", "000000", "qwerty", "letmein",
    "iloveyou", "admin", "welcome", "monkey", "dragon", "abc123", "sunshine", "princess",
    "football", "trustno1", "whatever", "haven"];

  function poolSize(text) {
    var pool = 0;
    if (/[a-z]/.test(text)) pool += 26;
    if (/[A-Z]/.test(text)) pool += 26;
    if (/[0-9]/.test(text)) pool += 10;
    if (/[^a-zA-Z0-9]/.test(text)) pool += 33;
    return Math.max(pool, 2);
  }

  // Characters that repeat or run in order ("aaaa", "abcd", "4321") add little.
  function charBits(text) {
    var seen = {};
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var step = i ? text.charCodeAt(i) - text.charCodeAt(i - 1) : 99;
      count += (seen[text[i]] || Math.abs(step) <= 1) ? 0.25 : 1;
      seen[text[i]] = true;
    }
    return count * Math.log2(poolSize(text));
  }

  // Guessers try whole words, years and symbols, not single letters, so a
  // passphrase is scored piece by piece: a real word is worth about as much
  // as picking one from a big word list, however long it is.
  function estimate(value) {
    if (!value) return -1;
    var lower = value.toLowerCase();
    for (var i = 0; i < common.length; i++) { if (lower.indexOf(common[i]) !== -1) return 0; }
    var name = nameInput ? nameInput.value.trim().toLowerCase() : "";
    if (name.length >= 3) lower = lower.split(name).join("");
    if (value.length < 10) return 0;
    var pieces = lower.match(/\p{L}+|\p{N}+|[^\p{L}\p{N}\s]+/gu) || [];
    var isWord = function (piece) { return /^\p{L}{3,}$/u.test(piece || ""); };
    var bits = 0;
    for (var j = 0; j < pieces.length; j++) {
      var piece = pieces[j];
      if (isWord(piece)) bits += Math.min(charBits(piece), piece.length > 7 ? 13 : 11);
      else if (/^(19|20)[0-9]{2}$/.test(piece)) bits += 7;
      else if (piece.length === 1 && isWord(pieces[j - 1]) && isWord(pieces[j + 1])) bits += 2;  // "-" between words
      else bits += charBits(piece);
    }
    if (value !== value.toLowerCase()) bits += 2;
    if (bits < 20) return 0;
    if (bits < 32) return 1;
    if (bits < 44) return 2;
    if (bits < 52) return 3;
    return 4;
  }

  var labels = JSON.parse(out.getAttribute("data-labels") || "null") || [
    "Too short or too easy to guess yet.",
    "Weak: someone could guess this. Add another word or two.",
    "Getting there: one more unrelated word would help.",
    "Good: this looks hard to guess.",
    "Strong: this looks very hard to guess."
  ];
  var shown = null;

  function update() {
    var score = estimate(input.value);
    if (score === shown) return;  // a screen reader hears a change, not every key
    shown = score;
    if (score < 0) { out.hidden = true; out.removeAttribute("data-score"); return; }
    out.hidden = false;
    out.textContent = labels[score];
    out.setAttribute("data-score", String(score));
  }
  input.addEventListener("input", update);
  if (nameInput) nameInput.addEventListener("input", function () { if (input.value) { shown = null; update(); } });
})();
