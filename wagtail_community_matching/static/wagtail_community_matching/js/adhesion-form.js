/* Moves focus to the error summary of an adhesion form, so keyboard and screen
   reader users start from the list of problems. The form works without it. */
(function () {
  "use strict";
  var summary = document.getElementById("cm-error-summary");
  if (summary) {
    summary.focus();
  }
})();
