/* Boundary builder: the preview follows what is typed. The server renders
   the same preview when "Preview" is pressed, so this is only a convenience. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-boundary-builder]");
  if (!form) return;
  var leadIns = {
    feel: /^i\s+feel\b[\s,]*/i,
    when: /^when\s+you\b[\s,]*/i,
    need: /^i\s+need\b[\s,]*/i,
    then: /^(if\s+it\s+happens\s+again,?\s+)?i\s+will\b[\s,]*/i
  };

  function tidy(name, value) {
    return value.trim().replace(leadIns[name], "").replace(/[\s.,;:]+$/, "").trim();
  }

  function update() {
    Object.keys(leadIns).forEach(function (name) {
      var field = form.elements[name];
      var part = form.querySelector('#preview-words [data-part="' + name + '"]');
      if (!field || !part) return;
      var value = tidy(name, field.value);
      if (name === "then") {
        part.textContent = value;
        part.parentNode.hidden = !value;
      } else {
        part.textContent = value || "…";
      }
    });
  }

  form.addEventListener("input", update);
  update();
})();
