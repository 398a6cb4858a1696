// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Ask before archiving or deleting (WCAG 3.3.4); the form still posts normally if confirmed,
  // and without script it posts at once, every such change being in the audit log.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  // A print button for printable pages; without script the browser's own print works the same.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Move focus to the error summary so keyboard and screen-reader users hear what went wrong.
  var summary = document.getElementById("error-summary") || document.getElementById("conflict");
  if (summary) summary.focus();

  // Search as you type: fetch the same page and swap in its results.
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("results");
  if (form && results && window.fetch && window.DOMParser) {
    var timer = null;
    var latest = 0;
    var refresh = function () {
      var params = new URLSearchParams(new FormData(form));
      var url = form.getAttribute("action") + "?" + params.toString();
      var request = ++latest;
      fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (request !== latest) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("results");
          if (fresh) {
            results.innerHTML = fresh.innerHTML;
            window.history.replaceState(null, "", url);
          }
        })
        .catch(function () { /* the submit button still works */ });
    };
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    });
  }
})();
