/* wagtail-community-matching: the recurrence widget of the event editor (progressive:
 * without it, editors type the rule, such as FREQ=MONTHLY;BYDAY=2TU, in the text box).
 *
 * It shows menus for the frequency, the interval, the weekdays, "the second Tuesday of the
 * month" and the end (a date or a number of times), writes the rule they describe into the
 * text box, and asks the admin (data-summary-url) for the rule in words, in the editor's
 * language. A rule typed by hand sets the menus when they can show it.
 *
 * Markup hooks (templates/wagtail_community_matching/widgets/recurrence_input.html):
 * [data-cm-recurrence] the widget, [data-cm-recurrence-builder] the menus, [data-part] each
 * control, [data-show-for] parts shown only for some frequencies,
 * [data-cm-recurrence-summary] the summary.
 */
(function () {
  "use strict";

  var DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

  function parse(rule) {
    var parts = {};
    rule
      .trim()
      .toUpperCase()
      .replace(/^RRULE:/, "")
      .split(";")
      .forEach(function (item) {
        var pair = item.split("=");
        if (pair[0]) {
          parts[pair[0]] = pair.slice(1).join("=");
        }
      });
    return parts;
  }

  function part(widget, name) {
    return widget.querySelector('[data-part="' + name + '"]');
  }

  function parts(widget, name) {
    return Array.prototype.slice.call(widget.querySelectorAll('[data-part="' + name + '"]'));
  }

  function build(widget) {
    var freq = part(widget, "freq").value;
    if (!freq) {
      return "";
    }
    var rule = ["FREQ=" + freq];
    var interval = parseInt(part(widget, "interval").value, 10);
    if (interval > 1) {
      rule.push("INTERVAL=" + interval);
    }
    if (freq === "WEEKLY") {
      var days = parts(widget, "weekday")
        .filter(function (box) {
          return box.checked;
        })
        .map(function (box) {
          return box.value;
        });
      if (days.length) {
        rule.push("BYDAY=" + days.join(","));
      }
    }
    if (freq === "MONTHLY" && part(widget, "ordinal").value) {
      rule.push("BYDAY=" + part(widget, "ordinal").value + part(widget, "monthday").value);
    }
    var end = parts(widget, "end").filter(function (radio) {
      return radio.checked;
    })[0];
    if (end && end.value === "until" && part(widget, "until").value) {
      rule.push("UNTIL=" + part(widget, "until").value.replace(/-/g, ""));
    } else if (end && end.value === "count" && parseInt(part(widget, "count").value, 10) > 0) {
      rule.push("COUNT=" + parseInt(part(widget, "count").value, 10));
    }
    return rule.join(";");
  }

  function show(widget) {
    var freq = part(widget, "freq").value;
    var shown = widget.querySelectorAll("[data-show-for]");
    for (var i = 0; i < shown.length; i += 1) {
      var frequencies = shown[i].getAttribute("data-show-for").split(" ");
      shown[i].hidden = frequencies.indexOf(freq) === -1;
    }
    part(widget, "monthday").disabled = !part(widget, "ordinal").value;
  }

  function load(widget, rule) {
    var values = parse(rule);
    part(widget, "freq").value = values.FREQ || "";
    part(widget, "interval").value = values.INTERVAL || "1";
    var days = (values.BYDAY || "").split(",");
    parts(widget, "weekday").forEach(function (box) {
      box.checked = values.FREQ === "WEEKLY" && days.indexOf(box.value) !== -1;
    });
    var match = values.FREQ === "MONTHLY" && /^([+-]?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(days[0]);
    part(widget, "ordinal").value = match ? match[1].replace("+", "") : "";
    part(widget, "monthday").value = match ? match[2] : DAYS[0];
    var end = values.UNTIL ? "until" : values.COUNT ? "count" : "never";
    parts(widget, "end").forEach(function (radio) {
      radio.checked = radio.value === end;
    });
    var until = (values.UNTIL || "").slice(0, 8);
    part(widget, "until").value = until
      ? until.slice(0, 4) + "-" + until.slice(4, 6) + "-" + until.slice(6, 8)
      : "";
    part(widget, "count").value = values.COUNT || "";
    show(widget);
  }

  function summarise(widget, rule) {
    var url = widget.getAttribute("data-summary-url");
    var summary = widget.querySelector("[data-cm-recurrence-summary]");
    if (!url || !summary) {
      return;
    }
    if (!rule) {
      summary.textContent = "";
      return;
    }
    fetch(url + "?rule=" + encodeURIComponent(rule), { credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        summary.textContent = data.summary || data.error || "";
      })
      .catch(function () {
        summary.textContent = "";
      });
  }

  function enhance(widget) {
    if (widget.getAttribute("data-cm-recurrence-ready")) {
      return;
    }
    widget.setAttribute("data-cm-recurrence-ready", "true");
    var input = widget.querySelector("input[type=text]");
    var builder = widget.querySelector("[data-cm-recurrence-builder]");
    if (!input || !builder) {
      return;
    }
    builder.hidden = false;
    load(widget, input.value);
    builder.addEventListener("change", function () {
      show(widget);
      input.value = build(widget);
      summarise(widget, input.value);
    });
    builder.addEventListener("input", function (event) {
      if (event.target.type === "number") {
        input.value = build(widget);
        summarise(widget, input.value);
      }
    });
    input.addEventListener("change", function () {
      load(widget, input.value);
      summarise(widget, input.value);
    });
  }

  function start() {
    var widgets = document.querySelectorAll("[data-cm-recurrence]");
    for (var i = 0; i < widgets.length; i += 1) {
      enhance(widgets[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
