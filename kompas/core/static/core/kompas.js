/* Start Det Fælles Designsystem's components; htmx-swapped content is initialised again. */
(function () {
  "use strict";
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  // "Go back" links: the previous page when there is one, else the link's own address (no javascript: URLs,
  // which the Content-Security-Policy refuses).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-history-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (window.DKFDS) {
      window.DKFDS.init({ scope: event.detail.target });
    }
  });
})();
