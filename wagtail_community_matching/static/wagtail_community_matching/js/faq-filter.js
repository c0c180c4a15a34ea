/* wagtail-community-matching: FAQ enhancements (progressive: the FAQ works without them).
 *
 * - Deep links: opening /faq/#anchor (or following a link to #anchor) opens that question.
 * - Filter: the box in [data-cm-faq-filter] hides the questions that do not contain every
 *   word typed (case and accents ignored), with their table-of-contents entries and empty
 *   sections; a polite live region announces how many questions match.
 *
 * Markup hooks (see templates/wagtail_community_matching/includes/faq_*.html):
 * [data-cm-faq] container, [data-cm-faq-item] question, [data-cm-faq-text] its searchable
 * text, [data-cm-faq-section], [data-cm-faq-toc-item], [data-cm-faq-toc-section],
 * [data-cm-faq-status], [data-cm-faq-empty], [data-cm-faq-filter-clear].
 */
(function () {
  "use strict";

  if (window.cmFaqEnhanced) {
    return; // the script is included once per FAQ block: run it once
  }
  window.cmFaqEnhanced = true;

  var ANNOUNCE_DELAY = 600; // ms of typing pause before the live region speaks

  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  function format(template, count) {
    return (template || "").replace("{count}", String(count));
  }

  function setupFilter(root) {
    var box = root.querySelector("[data-cm-faq-filter]");
    if (!box) {
      return null;
    }
    var input = box.querySelector("input");
    var clear = box.querySelector("[data-cm-faq-filter-clear]");
    var status = root.querySelector("[data-cm-faq-status]");
    var empty = root.querySelector("[data-cm-faq-empty]");
    var items = Array.prototype.map.call(root.querySelectorAll("[data-cm-faq-item]"), function (el) {
      var text = Array.prototype.map.call(el.querySelectorAll("[data-cm-faq-text]"), function (part) {
        return part.textContent;
      }).join(" ");
      return { el: el, anchor: el.getAttribute("data-cm-faq-item"), text: normalise(text) };
    });
    var sections = root.querySelectorAll("[data-cm-faq-section]");
    var tocItems = root.querySelectorAll("[data-cm-faq-toc-item]");
    var tocSections = root.querySelectorAll("[data-cm-faq-toc-section]");
    var timer = null;
    var lastQuery = "";

    function message(words, count) {
      if (!words) {
        return format(box.getAttribute("data-message-all"), count);
      }
      if (count === 0) {
        return box.getAttribute("data-message-none");
      }
      if (count === 1) {
        return box.getAttribute("data-message-one");
      }
      return format(box.getAttribute("data-message-many"), count);
    }

    function announce(text, now) {
      window.clearTimeout(timer);
      if (!status) {
        return;
      }
      if (now) {
        status.textContent = text;
      } else {
        timer = window.setTimeout(function () {
          status.textContent = text;
        }, ANNOUNCE_DELAY);
      }
    }

    function apply(now) {
      var query = normalise(input.value);
      if (query === lastQuery && !now) {
        return;
      }
      lastQuery = query;
      var words = query ? query.split(" ") : [];
      var shown = {};
      var count = 0;
      items.forEach(function (item) {
        var match = words.every(function (word) {
          return item.text.indexOf(word) !== -1;
        });
        item.el.hidden = !match;
        if (match) {
          shown[item.anchor] = true;
          count += 1;
        }
      });
      Array.prototype.forEach.call(sections, function (section) {
        section.hidden = !section.querySelector("[data-cm-faq-item]:not([hidden])");
      });
      Array.prototype.forEach.call(tocItems, function (entry) {
        entry.hidden = !shown[entry.getAttribute("data-cm-faq-toc-item")];
      });
      Array.prototype.forEach.call(tocSections, function (entry) {
        entry.hidden = !entry.querySelector("[data-cm-faq-toc-item]:not([hidden])");
      });
      if (empty) {
        empty.hidden = count !== 0;
      }
      announce(message(words.length, count), now);
    }

    function reset() {
      input.value = "";
      apply(true);
    }

    input.addEventListener("input", function () {
      apply(false);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && input.value) {
        event.preventDefault();
        reset();
      }
    });
    clear.addEventListener("click", function () {
      reset();
      input.focus();
    });
    box.hidden = false;
    if (input.value) {
      apply(true); // the browser restored a value (back / forward navigation)
    }
    return { reset: reset };
  }

  var filters = [];

  function openFromHash() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return; // a malformed hash: nothing to open
    }
    if (!id) {
      return;
    }
    var target = document.getElementById(id);
    if (!target) {
      return;
    }
    var details = target.tagName === "DETAILS" ? target : target.closest("details");
    if (!details || !details.closest("[data-cm-faq]")) {
      return;
    }
    var item = details.closest("[data-cm-faq-item]");
    if (item && item.hidden) {
      filters.forEach(function (filter) {
        filter.reset(); // the question was filtered out: show everything again
      });
    }
    details.open = true;
    // The browser moves the sequential focus starting point to the target itself:
    // the next Tab lands on this question's summary. Scroll again in case the
    // filter or the opening moved the question.
    details.scrollIntoView({ block: "start" });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-cm-faq]"), function (root) {
    var filter = setupFilter(root);
    if (filter) {
      filters.push(filter);
    }
  });
  window.addEventListener("hashchange", openFromHash);
  document.addEventListener("click", function (event) {
    // A link to the anchor already in the address bar fires no "hashchange".
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link && link.hash && link.hash === window.location.hash) {
      window.setTimeout(openFromHash, 0);
    }
  });
  openFromHash();
})();
