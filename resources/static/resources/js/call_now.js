// Choosing a country from the row above the call buttons keeps the person
// where they are. The choice is sent in the background, the parts of the page
// that follow the country ([data-follows-country]: these buttons, the help
// lines box, /help/ itself) are swapped for their new versions, and nothing
// else moves: the scroll position stays put, anything typed elsewhere on the
// page stays, and focus goes to the first call button, so one more key press
// calls. Without JavaScript the form posts as usual and the page comes back at
// the buttons (#call-now); the danger screen's result comes back too (its
// answers ride along in the form, never in a URL).
(function () {
  "use strict";

  var FOLLOWS = "[data-follows-country]";

  function outermost(root) {
    return Array.prototype.filter.call(root.querySelectorAll(FOLLOWS), function (element) {
      return !element.parentElement.closest(FOLLOWS);
    });
  }

  function swapParts(html, scrollY) {
    var fresh = outermost(new DOMParser().parseFromString(html, "text/html"));
    var current = outermost(document);
    if (!current.length || fresh.length !== current.length) {
      return false;
    }
    current.forEach(function (element, index) {
      element.replaceWith(document.importNode(fresh[index], true));
    });
    window.scrollTo(0, scrollY);
    var first = document.querySelector("#call-now .call-button");
    if (first) {
      first.focus({ preventScroll: true });
    }
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("call-now-countries")) {
      return;
    }
    if (form.dataset.plain || !window.fetch || !window.DOMParser) {
      return;
    }
    var submitter = event.submitter;
    event.preventDefault();
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    var scrollY = window.scrollY;
    form.setAttribute("aria-busy", "true");

    function plainPost() {
      // Something went wrong in the background: post the ordinary way instead.
      form.dataset.plain = "1";
      if (form.requestSubmit && submitter) {
        form.requestSubmit(submitter);
      } else {
        form.submit();
      }
    }

    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The country was not saved.");
        }
        if (new URL(response.url).pathname !== window.location.pathname) {
          window.location.assign(response.url);
          return null;
        }
        return response.text();
      })
      .then(function (html) {
        if (html !== null && !swapParts(html, scrollY)) {
          window.location.reload();
        }
      })
      .catch(plainPost);
  });
})();
