/* Hall 32: widgets initialised on every page and every HTMX swap. */
(function () {
  "use strict";
  function initTomSelect(root) {
    if (!window.TomSelect) return;
    root.querySelectorAll("select[data-tom-select]:not(.tomselected)").forEach(function (el) {
      new TomSelect(el, {
        maxOptions: 500,
        plugins: el.multiple ? ["remove_button"] : [],
        allowEmptyOption: true,
        render: { no_results: function () { return '<div class="no-results">' + (document.documentElement.lang === "en" ? "No results" : "Aucun résultat") + "</div>"; } },
      });
    });
  }
  function focusFirstError(root) {
    var invalid = root.querySelector(".is-invalid, [aria-invalid=true]");
    if (invalid && typeof invalid.focus === "function") invalid.focus();
  }
  htmx.onLoad(function (root) {
    initTomSelect(root);
    if (root !== document.body) focusFirstError(root);
  });
  document.addEventListener("DOMContentLoaded", function () { focusFirstError(document); });
  // Keep the CSRF token current for HTMX requests issued after a login in another tab.
  document.body.addEventListener("htmx:configRequest", function (evt) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) evt.detail.headers["X-CSRFToken"] = token.value;
  });
})();
