/* Autosave: a form marked data-draft="key" is sent, sealed by the server, a
   couple of seconds after the person stops typing. Nothing is kept in the
   browser. If saving fails, the form itself still works as before. */
(function () {
  "use strict";
  var tokenTag = document.querySelector("meta[name=csrf-token]");
  if (!tokenTag || !window.fetch || !window.FormData) return;
  var forms = document.querySelectorAll("form[data-draft]");
  Array.prototype.forEach.call(forms, function (form) {
    var key = form.getAttribute("data-draft");
    var status = form.querySelector("[data-draft-status]");
    var timer = null;
    var dirty = false;
    function send() {
      // Never after quick exit: the fields are wiped and the vault is locking.
      if (!dirty || document.documentElement.classList.contains("hv-leaving")) return;
      dirty = false;
      var body = new URLSearchParams(new FormData(form));
      fetch("/drafts/" + encodeURIComponent(key) + "/", {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": tokenTag.getAttribute("content") },
        body: body
      }).then(function (response) {
        if (!status) return;
        status.textContent = response.status === 204
          ? (status.getAttribute("data-saved-text") || "Draft kept.")
          : (status.getAttribute("data-failed-text") || "Your draft could not be kept just now.");
      }).catch(function () { dirty = true; });
    }
    // Once the form is really sent, the server discards the draft: don't resend it.
    form.addEventListener("submit", function () { dirty = false; clearTimeout(timer); });
    form.addEventListener("input", function () {
      dirty = true;
      clearTimeout(timer);
      timer = setTimeout(send, 1500);
    });
    form.addEventListener("change", function () { dirty = true; clearTimeout(timer); timer = setTimeout(send, 300); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") send();
    });
  });
})();
