// Follows a running import on its status page: the progress text is updated in place,
// and the page is reloaded once the import has moved on. Without JavaScript the page
// offers a link that reloads it.
(function () {
  "use strict";
  var region = document.querySelector("[data-yhes-import-status][data-running]");
  if (!region || !window.fetch) {
    return;
  }
  var url = region.getAttribute("data-status-url");
  var progress = region.querySelector("[data-yhes-import-progress]");
  var bar = region.querySelector("[data-yhes-import-bar]");
  var lastRows = null;

  function poll() {
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (state) {
        if (!state.running) {
          window.location.reload();
          return;
        }
        if (progress && state.rows !== lastRows && state.progress) {
          progress.textContent = state.progress;
          lastRows = state.rows;
          if (bar && state.total) {
            bar.max = state.total;
            bar.value = state.rows;
          }
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 2000);
})();
