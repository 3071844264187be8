// Fills the check-in form's time zone from the browser, so "21:00" means the
// person's own 21:00. Without JavaScript the server's zone is used.
(function () {
  "use strict";
  var box = document.querySelector('input[name="zone"]');
  if (!box || box.value) return;
  try {
    box.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (e) {
    box.value = "";
  }
})();
