// A front end that only talks to the JSON API of wagtail-community-matching.
// It lists members (search, region filter with counts) and sends the adhesion form
// (built from the form's definition) as multipart/form-data with an Idempotency-Key,
// so a retry after a network failure stores the application once.
"use strict";

const params = new URLSearchParams(window.location.search);
const API = params.get("api") || document.querySelector('meta[name="cm-api"]').content;
const LOCALE = document.documentElement.lang || "it";

const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter(Boolean));
  return node;
}

async function getJSON(path) {
  const response = await fetch(new URL(path, new URL(API, window.location.href)), {
    headers: { Accept: "application/json" },
  });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error("API error"), { body, status: response.status });
  return body;
}

// -- Members -------------------------------------------------------------------------------

function memberCard(member) {
  const place = [member.city, member.region_label].filter(Boolean).join(", ");
  const logo = member.logo
    ? element("img", {
        src: member.logo.src,
        srcset: member.logo.srcset,
        sizes: "10rem",
        width: member.logo.width,
        height: member.logo.height,
        alt: "",
      })
    : null;
  const name = member.html_url
    ? element("a", { href: member.html_url, text: member.name })
    : document.createTextNode(member.name);
  return element(
    "li",
    { "data-member": member.slug },
    logo,
    element("h3", {}, name),
    element("p", { text: [member.kind_label, place].filter(Boolean).join(" · ") }),
  );
}

function fillRegions(facets, selected) {
  const select = $("#member-region");
  const region = facets.find((facet) => facet.name === "region");
  select.replaceChildren(element("option", { value: "", text: "Tutti i territori" }));
  for (const option of region.options) {
    select.append(
      element("option", {
        value: option.value,
        selected: option.value === selected,
        text: `${option.label} (${option.count})`,
      }),
    );
  }
}

async function loadMembers() {
  const form = new FormData($("#member-search"));
  const query = new URLSearchParams({ locale: LOCALE, limit: "24" });
  for (const name of ["q", "region"]) if (form.get(name)) query.set(name, form.get(name));
  const count = $("#member-count");
  try {
    const data = await getJSON(`members/?${query}`);
    fillRegions(data.facets, form.get("region"));
    $("#member-list").replaceChildren(...data.items.map(memberCard));
    count.textContent =
      data.count === 1 ? "1 membro trovato." : `${data.count} membri trovati.`;
  } catch (error) {
    const messages = Object.values(error.body?.errors || {}).flat().map((e) => e.message);
    count.textContent = messages.join(" ") || "Non è stato possibile leggere i membri.";
  }
}

// -- Adhesion form -------------------------------------------------------------------------

function describedBy(name, field) {
  return [field.help_text ? `help-${name}` : "", `error-${name}`].filter(Boolean).join(" ");
}

function control(field) {
  const id = `field-${field.name}`;
  const common = {
    id,
    name: field.name,
    required: field.required,
    "aria-describedby": describedBy(field.name, field),
  };
  switch (field.type) {
    case "multiline":
      return element("textarea", { ...common, rows: 4, maxlength: field.max_length });
    case "dropdown":
    case "province":
    case "region":
      return element(
        "select",
        common,
        element("option", { value: "", text: "Scegli…" }),
        ...field.choices.map((c) => element("option", { value: c.value, text: c.label })),
      );
    case "image":
    case "file":
      return element("input", { ...common, type: "file", accept: field.accept.join(",") });
    default: {
      const types = { email: "email", url: "url", number: "number", date: "date", phone: "tel" };
      return element("input", {
        ...common,
        type: types[field.type] || "text",
        maxlength: field.max_length,
      });
    }
  }
}

function choiceGroup(field, type) {
  const legend = element("legend", { text: field.label });
  const options = field.choices.map((choice, index) => {
    const id = `field-${field.name}-${index}`;
    return element(
      "div",
      { class: "choice" },
      element("input", { id, type, name: field.name, value: choice.value }),
      element("label", { for: id, text: choice.label }),
    );
  });
  return element(
    "fieldset",
    { id: `field-${field.name}`, "aria-describedby": describedBy(field.name, field) },
    legend,
    ...options,
  );
}

function fieldBlock(field) {
  const help = field.help_text
    ? element("p", { class: "help", id: `help-${field.name}`, text: field.help_text })
    : null;
  const error = element("p", { class: "field-error", id: `error-${field.name}`, hidden: true });
  let body;
  if (field.type === "radio" || field.type === "checkboxes") {
    body = [choiceGroup(field, field.type === "radio" ? "radio" : "checkbox")];
  } else if (field.type === "consent" || field.type === "checkbox") {
    const id = `field-${field.name}`;
    body = [
      element(
        "div",
        { class: "choice" },
        element("input", {
          id,
          type: "checkbox",
          name: field.name,
          value: "on",
          required: field.required,
          "aria-describedby": describedBy(field.name, field),
        }),
        element("label", { for: id, text: field.consent_text || field.label }),
      ),
    ];
  } else {
    body = [element("label", { for: `field-${field.name}`, text: field.label }), control(field)];
  }
  return element("div", { class: "field", "data-field": field.name }, ...body, help, error);
}

function honeypot(name) {
  return element(
    "div",
    { class: "visually-hidden" },
    element("label", { for: "field-honeypot", text: "Lascia vuoto questo campo" }),
    element("input", { id: "field-honeypot", name, type: "text", tabindex: "-1", autocomplete: "off" }),
  );
}

function newKey() {
  if (window.crypto.randomUUID) return window.crypto.randomUUID();
  return Array.from(window.crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

function showErrors(errors, labels) {
  const box = $("#apply-errors");
  const list = box.querySelector("ul");
  list.replaceChildren();
  document.querySelectorAll(".field-error").forEach((node) => {
    node.hidden = true;
    node.textContent = "";
  });
  document.querySelectorAll("[aria-invalid]").forEach((node) => node.removeAttribute("aria-invalid"));
  for (const [name, items] of Object.entries(errors)) {
    const message = items.map((item) => item.message).join(" ");
    const target = document.getElementById(`field-${name}`);
    const fieldError = document.getElementById(`error-${name}`);
    if (target && fieldError) {
      fieldError.textContent = message;
      fieldError.hidden = false;
      target.setAttribute("aria-invalid", "true");
      const link = element("a", { href: `#field-${name}`, text: `${labels[name]}: ${message}` });
      list.append(element("li", {}, link));
    } else {
      list.append(element("li", { text: message }));
    }
  }
  box.hidden = false;
  box.focus();
}

async function setUpForm() {
  const forms = await getJSON(`forms/?locale=${LOCALE}`);
  if (!forms.length) {
    $("#apply-status").textContent = "Nessun modulo di adesione è pubblicato.";
    return;
  }
  const definition = await getJSON(`forms/${forms[0].id}/`);
  const labels = Object.fromEntries(definition.fields.map((f) => [f.name, f.label]));
  $("#apply-fields").replaceChildren(
    ...definition.fields.map(fieldBlock),
    honeypot(definition.honeypot_field),
  );
  const form = $("#apply-form");
  form.hidden = false;
  let key = newKey(); // kept until the application is stored: retries reuse it

  async function send(attempt) {
    const status = $("#apply-status");
    const button = form.querySelector("button");
    button.disabled = true;
    status.textContent = "Invio in corso…";
    let response;
    try {
      response = await fetch(definition.submit_url, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "Idempotency-Key": key },
      });
    } catch (networkError) {
      button.disabled = false;
      if (attempt < 3) {
        status.textContent = "Connessione interrotta: nuovo tentativo…";
        return send(attempt + 1);
      }
      status.textContent = "Non è stato possibile inviare la domanda. Riprova tra poco.";
      return;
    }
    button.disabled = false;
    const body = await response.json();
    if (response.status === 201) {
      key = newKey();
      form.reset();
      form.hidden = true;
      $("#apply-errors").hidden = true;
      status.textContent = body.message;
      return;
    }
    status.textContent = "";
    showErrors(body.errors || {}, labels);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(1);
  });
}

$("#member-search").addEventListener("submit", (event) => {
  event.preventDefault();
  loadMembers();
});
$("#member-region").addEventListener("change", loadMembers);
loadMembers();
setUpForm().catch(() => {
  $("#apply-status").textContent = "Non è stato possibile leggere il modulo di adesione.";
});
