/* Situation buttons on the scripts library.

   The server renders each situation as a link (?situation=work) and filters
   the library itself, so everything works without JavaScript. Here the links
   become toggle buttons (aria-pressed) that show one situation's scripts in
   place, say how many are shown in the polite status line, and leave the
   address and the browser history alone. A situation whose scripts are not on
   this page (after a search, say) is still reached through its link. */
(function () {
  "use strict";
  var picker = document.querySelector("[data-situation-picker]");
  var results = document.getElementById("found");
  var status = document.getElementById("script-count");
  if (!picker || !results || !status) return;

  var heading = picker.querySelector("h2");
  if (heading && heading.id) {
    picker.setAttribute("role", "group");
    picker.setAttribute("aria-labelledby", heading.id);
  }
  var groups = results.querySelectorAll(".script-group[data-situation]");
  var jumpList = results.querySelector("[data-jump-list]");
  var select = document.getElementById("id_situation");
  var buttons = [];
  // Without a situation chosen on the server, every situation of these results
  // is on the page, and the status line already says what "all" means here.
  var everything = results.getAttribute("data-filtered-by") === "";
  var allSaid = status.textContent;

  function groupOf(situation) {
    for (var i = 0; i < groups.length; i++) {
      if (groups[i].getAttribute("data-situation") === situation) return groups[i];
    }
    return null;
  }

  function onPage(situation) {
    return situation ? groupOf(situation) !== null : everything;
  }

  function choose(situation, announce) {
    for (var i = 0; i < groups.length; i++) {
      var shown = !situation || groups[i].getAttribute("data-situation") === situation;
      groups[i].hidden = !shown;
    }
    if (jumpList) jumpList.hidden = Boolean(situation);
    buttons.forEach(function (button) {
      button.setAttribute(
        "aria-pressed",
        button.getAttribute("data-situation") === situation ? "true" : "false"
      );
    });
    if (select) select.value = situation;
    // Cleared first, so saying the same words twice is still announced.
    status.textContent = "";
    setTimeout(function () { status.textContent = announce; }, 60);
  }

  picker.querySelectorAll("a[data-situation]").forEach(function (link) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.textContent = link.textContent;
    button.setAttribute("data-situation", link.getAttribute("data-situation"));
    button.setAttribute("data-href", link.getAttribute("href"));
    button.setAttribute("aria-pressed", link.hasAttribute("aria-current") ? "true" : "false");
    link.parentNode.replaceChild(button, link);
    buttons.push(button);
  });

  picker.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-situation]") : null;
    if (!button) return;
    var situation = button.getAttribute("data-situation");
    // Pressing the chosen situation again shows every situation.
    if (situation && button.getAttribute("aria-pressed") === "true") situation = "";
    if (!onPage(situation)) {
      window.location.assign(button.getAttribute("data-href"));
      return;
    }
    choose(situation, situation ? groupOf(situation).getAttribute("data-announce") : allSaid);
  });
})();
