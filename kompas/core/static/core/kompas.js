/* Start Det Fælles Designsystem's components; htmx-swapped content is initialised again. */
(function () {
  "use strict";
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (window.DKFDS) {
      window.DKFDS.init({ scope: event.detail.target });
    }
  });
})();
