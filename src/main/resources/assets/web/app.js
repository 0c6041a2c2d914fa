/* Small enhancements; every page works without them.
   1. Moves focus to the error summary after a refused form, so screen readers read it first.
   2. Warns (role=alert) ten minutes before the sign-in ends, so nobody is logged out mid-reading
      without notice; the footer shows the end time for readers without JavaScript. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  var ends = Number(document.body.getAttribute("data-session-ends"));
  var warning = document.getElementById("session-warning");
  if (!ends || !warning) return;
  var show = function () { warning.textContent = warning.getAttribute("data-text"); };
  var lead = ends - Date.now() - 10 * 60 * 1000;
  if (lead <= 0) show(); else if (lead < 2147483647) window.setTimeout(show, lead);
})();
