"""Words of the demo adhesion form, in Italian and English."""

from __future__ import annotations

INTERNAL_IT = "Dato interno: non viene mai pubblicato."
INTERNAL_EN = "Internal: never published."

KINDS_IT = (
    "Comune\nAltro ente pubblico\nETS / associazione\nCooperativa\nFondazione\n"
    "Università\nImpresa\nAltro"
)
KINDS_EN = (
    "Municipality\nOther public body\nThird-sector body / association\nCooperative\n"
    "Foundation\nUniversity\nCompany\nOther"
)

#: One dict per field: key, type, maps_to, required, then per language label, help, choices.
FIELDS = [
    {
        "type": "singleline",
        "maps_to": "name",
        "it": ("Denominazione ente", "", ""),
        "en": ("Organisation name", "", ""),
    },
    {
        "type": "dropdown",
        "maps_to": "kind",
        "it": ("Tipologia", "", KINDS_IT),
        "en": ("Type of organisation", "", KINDS_EN),
    },
    {"type": "singleline", "maps_to": "city", "it": ("Città", "", ""), "en": ("City", "", "")},
    {
        "type": "province",
        "maps_to": "province",
        "it": ("Provincia", "", ""),
        "en": ("Province", "", ""),
    },
    {"type": "region", "maps_to": "region", "it": ("Regione", "", ""), "en": ("Region", "", "")},
    {
        "type": "url",
        "maps_to": "website",
        "required": False,
        "it": ("Sito web", "Per esempio https://www.comune.esempio.it", ""),
        "en": ("Website", "For example https://www.example.org", ""),
    },
    {
        "type": "radio",
        "maps_to": "programme_status",
        "it": ("Stato del programma", "", "Attivo\nIn attivazione\nInteresse"),
        "en": ("Programme status", "", "Active\nStarting\nInterested"),
    },
    {
        "type": "multiline",
        "maps_to": "description",
        "it": ("Breve descrizione", "Due o tre frasi sulle attività dell'ente.", ""),
        "en": ("Short description", "Two or three sentences on what you do.", ""),
    },
    {
        "type": "checkboxes",
        "maps_to": "services",
        "required": False,
        "it": (
            "Servizi di interesse",
            "",
            "Formazione\nToolkit\nSupervisione\nEventi\nVisibilità",
        ),
        "en": ("Services wanted", "", "Training\nToolkit\nSupervision\nEvents\nVisibility"),
    },
    {
        "type": "number",
        "required": False,
        "it": ("Numero operatori da formare", "", ""),
        "en": ("Staff to train", "", ""),
    },
    {
        "type": "singleline",
        "it": ("Referente: nome e cognome", INTERNAL_IT, ""),
        "en": ("Contact person: name", INTERNAL_EN, ""),
    },
    {
        "type": "singleline",
        "required": False,
        "it": ("Referente: ruolo", INTERNAL_IT, ""),
        "en": ("Contact person: role", INTERNAL_EN, ""),
    },
    {
        "type": "email",
        "maps_to": "contact_email",
        "it": (
            "Referente: email",
            "Vi scriveremo qui per confermare l'indirizzo. " + INTERNAL_IT,
            "",
        ),
        "en": (
            "Contact person: email",
            "We write here to confirm the address. " + INTERNAL_EN,
            "",
        ),
    },
    {
        "type": "phone",
        "required": False,
        "it": ("Referente: telefono", INTERNAL_IT, ""),
        "en": ("Contact person: phone", INTERNAL_EN, ""),
    },
    {
        "type": "image",
        "maps_to": "logo",
        "required": False,
        "it": ("Logo dell'ente", "Sarà pubblicato nell'elenco dei membri, se lo consentite.", ""),
        "en": ("Organisation logo", "Shown in the member directory if you allow it.", ""),
    },
    {
        "type": "consent",
        "consent": {
            "it": "Dichiaro di aver letto l'informativa sul trattamento dei dati personali.",
            "en": "I have read the privacy notice on the processing of personal data.",
        },
        "it": ("Informativa privacy", "", ""),
        "en": ("Privacy notice", "", ""),
    },
    {
        "type": "consent",
        "required": False,
        "maps_to": "listed",
        "consent": {
            "it": (
                "Acconsento alla pubblicazione del nome e del logo dell'ente sul sito della rete."
            ),
            "en": (
                "I agree that the organisation's name and logo are published on the network's site."
            ),
        },
        "it": ("Pubblicazione di nome e logo", "Facoltativo.", ""),
        "en": ("Publication of name and logo", "Optional.", ""),
    },
    {
        "type": "consent",
        "required": False,
        "consent": {
            "it": "Desidero ricevere la newsletter della rete (facoltativo, mai una condizione).",
            "en": "I wish to receive the network's newsletter (optional, never a condition).",
        },
        "it": ("Newsletter", "", ""),
        "en": ("Newsletter", "", ""),
    },
]

PAGE = {
    "it": {
        "title": "Modulo di adesione",
        "slug": "modulo-di-adesione",
        "intro": (
            "<p>L'adesione è gratuita. Compilate il modulo: vi scriveremo per confermare "
            "l'indirizzo email e poi per fissare un incontro di presentazione.</p>"
        ),
        "thank_you_text": (
            "<p>Grazie! Leggeremo la domanda e vi contatteremo per un incontro di "
            "presentazione.</p>"
        ),
        "confirmation_subject": "Domanda di adesione ricevuta",
        "confirmation_body": "Grazie per aver chiesto di aderire alla rete Community Matching.",
        "approval_subject": "Benvenuti nella rete Community Matching",
        "approval_body": (
            "La vostra domanda di adesione è stata accolta. Vi contatteremo a breve per un "
            "incontro di presentazione."
        ),
        "rejection_subject": "La vostra domanda di adesione",
        "rejection_body": (
            "Grazie per l'interesse. Al momento non possiamo accogliere la domanda; "
            "scriveteci per saperne di più."
        ),
    },
    "en": {
        "title": "Adhesion form",
        "slug": "adhesion-form",
        "intro": (
            "<p>Joining is free. Fill in the form: we will write to confirm your email "
            "address, then to plan an introductory meeting.</p>"
        ),
        "thank_you_text": (
            "<p>Thank you! We will read your application and contact you for an "
            "introductory meeting.</p>"
        ),
        "confirmation_subject": "Application received",
        "confirmation_body": "Thank you for applying to join the Community Matching network.",
        "approval_subject": "Welcome to the Community Matching network",
        "approval_body": (
            "Your application has been approved. We will contact you soon for an "
            "introductory meeting."
        ),
        "rejection_subject": "Your application",
        "rejection_body": (
            "Thank you for your interest. We cannot accept your application at this time; "
            "write to us to know more."
        ),
    },
}

#: Demo applications: (status, days ago, answers by Italian label). Addresses are
#: on example domains.
APPLICATIONS = [
    (
        "new",
        2,
        {
            "Denominazione ente": "Associazione Ponti Aperti",
            "Tipologia": "ETS / associazione",
            "Città": "Bari",
            "Provincia": "BA",
            "Regione": "puglia",
            "Stato del programma": "Interesse",
            "Breve descrizione": "Volontariato con giovani rifugiati nei quartieri di Bari.",
            "Referente: nome e cognome": "Anna Esposito",
            "Referente: email": "anna@pontiaperti.example",
        },
    ),
    (
        "verified",
        5,
        {
            "Denominazione ente": "Comune di Bergamo",
            "Tipologia": "Comune",
            "Città": "Bergamo",
            "Provincia": "BG",
            "Regione": "lombardia",
            "Stato del programma": "In attivazione",
            "Breve descrizione": "Il servizio immigrazione avvia un programma di abbinamenti.",
            "Referente: nome e cognome": "Marco Rota",
            "Referente: email": "immigrazione@bergamo.example",
        },
    ),
    (
        "in_review",
        9,
        {
            "Denominazione ente": "Cooperativa Sociale Il Mosaico",
            "Tipologia": "Cooperativa",
            "Città": "Padova",
            "Provincia": "PD",
            "Regione": "veneto",
            "Stato del programma": "Attivo",
            "Breve descrizione": "Accoglienza diffusa e percorsi di autonomia a Padova.",
            "Referente: nome e cognome": "Giulia Ferri",
            "Referente: email": "giulia@ilmosaico.example",
        },
    ),
    (
        "approved",
        20,
        {
            "Denominazione ente": "Fondazione Accoglienza Torino",
            "Tipologia": "Fondazione",
            "Città": "Torino",
            "Provincia": "TO",
            "Regione": "piemonte",
            "Stato del programma": "Attivo",
            "Breve descrizione": "Sostiene progetti di inclusione di persone rifugiate.",
            "Referente: nome e cognome": "Paolo Bianchi",
            "Referente: email": "paolo@accoglienzatorino.example",
        },
    ),
    (
        "rejected",
        30,
        {
            "Denominazione ente": "Esempio Servizi Srl",
            "Tipologia": "Impresa",
            "Città": "Napoli",
            "Provincia": "NA",
            "Regione": "campania",
            "Stato del programma": "Interesse",
            "Breve descrizione": "Servizi di consulenza generica.",
            "Referente: nome e cognome": "Luca Russo",
            "Referente: email": "luca@esempioservizi.example",
        },
    ),
    (
        "withdrawn",
        40,
        {
            "Denominazione ente": "Università di Palermo – Laboratorio migrazioni",
            "Tipologia": "Università",
            "Città": "Palermo",
            "Provincia": "PA",
            "Regione": "sicilia",
            "Stato del programma": "Interesse",
            "Breve descrizione": "Ricerca sui percorsi di inclusione.",
            "Referente: nome e cognome": "Sara Lo Bue",
            "Referente: email": "lab@unipa.example",
        },
    ),
]
