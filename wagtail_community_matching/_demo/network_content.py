"""Words of the demo network pages, in Italian and English (written from DOMAIN.md)."""

CITIES = "Bari, Bergamo, Bologna, Milano, Napoli, Padova, Palermo, Parma, Roma, Torino"

HOME = {
    "it": {
        "title": "Rete Community Matching",
        "intro": (
            "Enti pubblici e organizzazioni private che affiancano volontari del territorio e "
            "persone rifugiate in percorsi di mentoring di circa sei mesi."
        ),
        "about": (
            "<p>Il <b>community matching</b> crea una relazione tra una persona volontaria del "
            "territorio (il <i>buddy</i>) e una persona titolare o richiedente protezione "
            "internazionale o temporanea. La coppia condivide un percorso di circa sei mesi, "
            "seguito dallo staff del programma.</p>"
            "<p>In Italia il programma è stato promosso dall'UNHCR con CIAC e Refugees Welcome "
            f"Italia e sperimentato per anni in dieci città: {CITIES}. La rete permette ora a "
            "comuni, regioni, altri enti pubblici e organizzazioni private di adottare il metodo, "
            "che abbiano già un programma simile, lo stiano avviando o siano solo interessati.</p>"
        ),
        "offers_heading": "Cosa offre la rete ai membri",
        "offers": [
            (
                "training",
                "Formazione ibrida",
                "Un pacchetto in presenza e online per operatori e funzionari: 6-7 ore bastano "
                "per un primo approccio al metodo.",
            ),
            (
                "toolkit",
                "Strumenti condivisi",
                "Toolkit, Advocacy kit e factsheet annuali con processi di lavoro già collaudati.",
            ),
            (
                "accompaniment",
                "Accompagnamento",
                "Un supporto guidato mentre il vostro ente avvia il programma sul territorio.",
            ),
            (
                "supervision",
                "Supervisione",
                "Sessioni dedicate in cui le équipe locali rileggono i casi con chi ha esperienza.",
            ),
            (
                "events",
                "Incontri e scambio",
                "Conversazioni, incontri di scambio ed eventi istituzionali con gli altri membri.",
            ),
            (
                "visibility",
                "Visibilità",
                "Il vostro ente è elencato, con il suo logo, sul sito della rete.",
            ),
        ],
        "phases_heading": "Come lavora la rete",
        "phases": [
            (
                "Fase 1",
                "Avvio",
                [
                    "Coinvolgere enti pubblici e privati",
                    "Consolidare i materiali formativi e gli strumenti",
                    "Organizzare un primo incontro collettivo",
                ],
            ),
            (
                "Fase 2",
                "Sviluppo",
                [
                    "Formare le équipe locali",
                    "Supervisionare le iniziative locali",
                    "Raccogliere dati sulle esperienze dei membri",
                    "Pubblicare le evidenze raccolte",
                ],
            ),
        ],
        "resources_heading": "Materiali da scaricare",
        "image_alt": (
            "Due cerchi che si intrecciano, simbolo dell'incontro tra volontario e rifugiato"
        ),
        "cta_title": "Aderire è gratuito",
        "cta_text": (
            "Compilate il modulo di adesione e inviateci il logo: vi contatteremo per fissare "
            "un incontro di presentazione."
        ),
        "cta_button": "Scopri come aderire",
        "contact_heading": "Contatti",
        "contact_org": "Segreteria della Rete Community Matching",
        "contact_text": "Scriveteci per informazioni sulla rete, sulla formazione e sugli eventi.",
    },
    "en": {
        "title": "Community Matching Network",
        "intro": (
            "Public bodies and private organisations pairing local volunteers with refugees "
            "for mentoring relationships of about six months."
        ),
        "about": (
            "<p><b>Community matching</b> brings together a local volunteer (the <i>buddy</i>) "
            "and a person who holds or has applied for international or temporary protection. "
            "The pair share a mentoring relationship of about six months, followed by programme "
            "staff.</p>"
            "<p>In Italy the programme was promoted by UNHCR with CIAC and Refugees Welcome Italia "
            f"and tried for years in ten cities: {CITIES}. The network now lets municipalities, "
            "regions, other public bodies and private organisations adopt the method, whether "
            "they already run a similar programme, are starting one or are simply interested.</p>"
        ),
        "offers_heading": "What members get",
        "offers": [
            (
                "training",
                "Hybrid training",
                "In-person and online training for frontline staff and officials: 6 to 7 hours "
                "are enough for a first approach to the method.",
            ),
            (
                "toolkit",
                "Shared tools",
                "A Toolkit, an Advocacy kit and yearly factsheets with proven work processes.",
            ),
            (
                "accompaniment",
                "Accompaniment",
                "Guided support while your organisation starts its programme locally.",
            ),
            (
                "supervision",
                "Supervision",
                "Dedicated sessions where local teams review their cases with experienced staff.",
            ),
            (
                "events",
                "Meetings and exchange",
                "Conversations, exchange meetings and institutional events with other members.",
            ),
            (
                "visibility",
                "Visibility",
                "Your organisation is listed, with its logo, on the network's website.",
            ),
        ],
        "phases_heading": "How the network works",
        "phases": [
            (
                "Phase 1",
                "Start",
                [
                    "Engage public and private bodies",
                    "Consolidate training material and tools",
                    "Hold a first collective meeting",
                ],
            ),
            (
                "Phase 2",
                "Growth",
                [
                    "Train local teams",
                    "Supervise local initiatives",
                    "Collect data on members' experiences",
                    "Publish the evidence collected",
                ],
            ),
        ],
        "resources_heading": "Downloads",
        "image_alt": "Two interlocking circles, a symbol of the volunteer and the refugee meeting",
        "cta_title": "Joining is free",
        "cta_text": (
            "Fill in the adhesion form and send us your logo: we will get in touch to schedule "
            "an introductory meeting."
        ),
        "cta_button": "How to join",
        "contact_heading": "Contact",
        "contact_org": "Community Matching Network secretariat",
        "contact_text": "Write to us about the network, the training and the events.",
    },
}

RESOURCES = [
    # (key, Italian title, English title, description it, description en)
    (
        "toolkit",
        "Toolkit del community matching",
        "Community matching toolkit",
        "Procedure, modelli e schede per avviare e seguire gli abbinamenti.",
        "Procedures, templates and forms to start and follow matches.",
    ),
    (
        "advocacy",
        "Advocacy kit",
        "Advocacy kit",
        "Argomenti e materiali per presentare il programma alle istituzioni.",
        "Arguments and material to present the programme to institutions.",
    ),
    (
        "factsheet-2022",
        "Factsheet 2022",
        "Factsheet 2022",
        "I numeri del programma al 31 dicembre 2022.",
        "The programme's figures at 31 December 2022.",
    ),
    (
        "factsheet-2023",
        "Factsheet 2023",
        "Factsheet 2023",
        "I numeri del programma nel 2023.",
        "The programme's figures in 2023.",
    ),
]

JOINING = {
    "it": {
        "title": "Come aderire",
        "intro": (
            "L'adesione alla rete è gratuita ed è aperta a enti pubblici e organizzazioni private."
        ),
        "body": (
            '<h2>I passi</h2><ol><li>Compilate il <a linktype="page" id="{form}">modulo di '
            "adesione</a> e allegate il logo del vostro ente.</li><li>Gli organizzatori vi "
            "contattano per fissare un incontro di "
            "presentazione.</li><li>Scegliete il percorso completo o singoli pacchetti: "
            "formazione, strumenti, supervisione.</li></ol>"
            "<h2>Gli impegni dei membri</h2><ul><li>Contribuire all'iniziativa.</li>"
            "<li>Partecipare agli eventi pubblici della rete.</li><li>Condividere i risultati "
            "ottenuti sul territorio.</li><li>Rendicontare gli indicatori di impatto attesi."
            "</li></ul>"
            "<h2>Cosa ci guadagnate</h2><ul><li>Imparare o affinare un modello di intervento "
            "codificato.</li><li>Fare rete con altri enti.</li><li>Un'azione di advocacy "
            "comune.</li><li>Far parte di una comunità di buone pratiche.</li></ul>"
        ),
    },
    "en": {
        "title": "How to join",
        "intro": "Joining the network is free and open to public bodies and private organisations.",
        "body": (
            '<h2>The steps</h2><ol><li>Fill in the <a linktype="page" id="{form}">adhesion '
            "form</a> and attach your organisation's logo.</li><li>The organisers contact you "
            "to schedule an introductory meeting.</li>"
            "<li>Choose the full path or single packages: training, tools, supervision.</li></ol>"
            "<h2>What members commit to</h2><ul><li>Contribute to the initiative.</li>"
            "<li>Take part in the network's public events.</li><li>Share the results obtained "
            "locally.</li><li>Report on the expected impact indicators.</li></ul>"
            "<h2>What you gain</h2><ul><li>Learn or refine a codified intervention model.</li>"
            "<li>Networking with other organisations.</li><li>Joint advocacy.</li>"
            "<li>Being part of a community of good practice.</li></ul>"
        ),
    },
}

PRIVACY = {
    "it": {
        "title": "Informativa privacy",
        "intro": "Come la rete tratta i dati personali raccolti dal sito.",
        "body": (
            "<p>Pubblichiamo soltanto i dati delle organizzazioni e i loro contatti generici. "
            "I dati delle persone di riferimento restano interni alla rete.</p>"
            "<p>Ogni consenso è libero, specifico e separato per finalità: privacy, "
            "pubblicazione di nome e logo, newsletter. Registriamo il testo accettato e la "
            "data.</p><p>Le candidature respinte o non più attuali vengono cancellate o "
            "anonimizzate dopo un periodo stabilito.</p>"
        ),
    },
    "en": {
        "title": "Privacy notice",
        "intro": "How the network handles personal data collected by this website.",
        "body": (
            "<p>We publish only organisations and their generic contacts. Contact persons' "
            "data stays inside the network.</p>"
            "<p>Every consent is free, specific and separate per purpose: privacy, publication "
            "of name and logo, newsletter. We record the text agreed to and when.</p>"
            "<p>Rejected or stale applications are deleted or anonymised after a set period.</p>"
        ),
    },
}

#: The network's words in each language (``NetworkLocaleSettings``).
LANGUAGE_SETTINGS = {
    "it": {
        "network_name": "Rete Community Matching",
        "tagline": "Volontari e rifugiati, un anno insieme",
        "data_controllers": (
            "<p>Contitolari del trattamento: gli enti promotori della Rete Community Matching.</p>"
        ),
    },
    "en": {
        "network_name": "Community Matching Network",
        "tagline": "Volunteers and refugees, one year together",
        "data_controllers": (
            "<p>Joint controllers: the organisations that promote the Community Matching "
            "network.</p>"
        ),
    },
}

SETTINGS = {
    "contact_email": "rete@community-matching.example",
    "staff_notification_emails": "segreteria@community-matching.example",
    "social_links": [
        ("website", "https://community-matching.example/"),
        ("linkedin", "https://www.linkedin.com/company/community-matching-example"),
    ],
}
