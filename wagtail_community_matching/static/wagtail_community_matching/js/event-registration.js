/* wagtail-community-matching: the sign-up form of an event (progressive: the form works
 * without it, its button then says what the date chosen when the page was built offers).
 *
 * When the person chooses another date, the submit button says what sending does: register
 * for a date with places, or join the waiting list of a full one.
 *
 * Markup hooks (templates/wagtail_community_matching/event_registration.html):
 * [data-cm-registration-form] the form, select[name=occurrence] its dates, whose full ones
 * carry data-waiting-list="true", and [data-cm-submit] the button with
 * data-register-label and data-waiting-list-label.
 */
(function () {
  "use strict";

  function update(select, button) {
    var option = select.options[select.selectedIndex];
    var full = option && option.getAttribute("data-waiting-list") === "true";
    button.textContent = button.getAttribute(
      full ? "data-waiting-list-label" : "data-register-label"
    );
  }

  function enhance(form) {
    var select = form.querySelector("select[name=occurrence]");
    var button = form.querySelector("[data-cm-submit]");
    if (!select || !button) {
      return;
    }
    select.addEventListener("change", function () {
      update(select, button);
    });
    update(select, button);
  }

  function start() {
    var forms = document.querySelectorAll("[data-cm-registration-form]");
    for (var i = 0; i < forms.length; i += 1) {
      enhance(forms[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
