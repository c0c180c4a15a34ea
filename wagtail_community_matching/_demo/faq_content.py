"""Words of the demo FAQ, in Italian and English (written from DOMAIN.md).

Answers are Wagtail rich text in its stored form; ``{joining}``, ``{form}`` and
``{toolkit}`` are replaced by the ids of the joining page, the adhesion form and the
toolkit document.
"""

FAQ_PAGE = {
    "it": {
        "title": "Domande frequenti",
        "slug": "domande-frequenti",
        "intro": (
            "Le risposte alle domande che enti pubblici e organizzazioni ci fanno più spesso "
            "sulla rete, sull'adesione e sulla formazione."
        ),
    },
    "en": {
        "title": "Frequently asked questions",
        "slug": "faq",
        "intro": (
            "Answers to the questions public bodies and organisations ask us most often about "
            "the network, joining and the training."
        ),
    },
}

EXCERPT = {
    "it": {"heading": "Domande sull'adesione", "link_text": "Tutte le domande frequenti"},
    "en": {"heading": "Questions about joining", "link_text": "All frequently asked questions"},
}

#: Reusable questions (FAQ snippets): shown on the FAQ page and on the joining page.
#: (key, anchor it, anchor en, {language: (question, answer)})
SNIPPETS = [
    (
        "is-it-free",
        "e-gratuito",
        "is-it-free",
        {
            "it": (
                "Aderire alla rete costa qualcosa?",
                "<p>No, l'adesione è <b>gratuita</b> per tutti gli enti, pubblici e privati. "
                "Formazione, strumenti e incontri della rete non hanno costi di iscrizione.</p>",
            ),
            "en": (
                "Does joining the network cost anything?",
                "<p>No, joining is <b>free of charge</b> for every organisation, public or "
                "private. The network's training, tools and meetings carry no fee.</p>",
            ),
        },
    ),
    (
        "how-to-join",
        "come-si-aderisce",
        "how-to-join",
        {
            "it": (
                "Come può aderire il nostro ente?",
                '<p>Compilate il <a linktype="page" id="{form}">modulo di adesione</a> '
                "e allegate il logo dell'ente. Gli organizzatori vi scrivono per fissare un "
                "incontro di presentazione, in cui scegliete insieme da dove partire.</p>",
            ),
            "en": (
                "How can our organisation join?",
                '<p>Fill in the <a linktype="page" id="{form}">adhesion form</a> and '
                "attach your logo. The organisers then write to you to set up an introductory "
                "meeting where you decide together where to start.</p>",
            ),
        },
    ),
]

#: Sections of the FAQ page: (heading, [snippet key or (anchor, question, answer)]).
SECTIONS = {
    "it": [
        (
            "Aderire alla rete",
            [
                "is-it-free",
                "how-to-join",
                (
                    "chi-puo-aderire",
                    "Chi può entrare nella rete?",
                    "<p>Comuni, regioni e altri enti pubblici, ma anche associazioni ed enti del "
                    "terzo "
                    "settore, cooperative, fondazioni, università e imprese.</p>",
                ),
                (
                    "serve-un-programma",
                    "Dobbiamo avere già un programma di community matching?",
                    "<p>No. Possono aderire gli enti che ne gestiscono già uno, quelli che lo "
                    "stanno "
                    "avviando e quelli che per ora sono soltanto interessati.</p>",
                ),
            ],
        ),
        (
            "Cosa ricevono i membri",
            [
                (
                    "cosa-ricevono",
                    "Che cosa offre la rete a chi aderisce?",
                    "<ul><li>Un percorso di formazione per operatori e funzionari.</li>"
                    "<li>Strumenti e processi di lavoro condivisi.</li>"
                    "<li>Accompagnamento nell'avvio e sessioni di supervisione.</li>"
                    "<li>Incontri di scambio ed eventi istituzionali.</li>"
                    "<li>Il nome e il logo dell'ente sul sito della rete.</li></ul>",
                ),
                (
                    "durata-formazione",
                    "Quanto tempo richiede la formazione?",
                    "<p>Per un primo approccio al metodo bastano circa <b>6-7 ore</b>. Il "
                    "percorso è "
                    "ibrido: una parte in presenza e una parte online.</p>",
                ),
                (
                    "toolkit",
                    "Dove troviamo il Toolkit e gli altri materiali?",
                    '<p>Il <a linktype="document" id="{toolkit}">Toolkit</a>, l\'Advocacy kit e i '
                    "factsheet annuali si scaricano dalla pagina principale della rete. Durante la "
                    "formazione vi mostriamo come usarli.</p>",
                ),
                (
                    "singoli-pacchetti",
                    "Possiamo scegliere soltanto alcuni servizi?",
                    "<p>Sì. Oltre al percorso completo è possibile chiedere singoli pacchetti, per "
                    "esempio solo la formazione o solo la supervisione.</p>",
                ),
            ],
        ),
        (
            "Gli impegni dei membri",
            [
                (
                    "impegni",
                    "Quali impegni prende un ente membro?",
                    "<p>Contribuire all'iniziativa, partecipare agli eventi pubblici della rete, "
                    "condividere i risultati ottenuti sul territorio e rendicontare gli "
                    "indicatori di "
                    "impatto concordati.</p>",
                ),
                (
                    "dati-personali",
                    "Pubblicate i dati delle persone di riferimento?",
                    "<p>No. Sul sito compaiono solo il nome, il logo e i contatti generici "
                    "dell'ente, "
                    "e solo con il vostro consenso. I dati delle persone restano interni.</p>",
                ),
            ],
        ),
        (
            "Il programma",
            [
                (
                    "cos-e",
                    "Che cos'è il community matching?",
                    "<p>Un percorso di mentoring in cui una persona volontaria del territorio "
                    "affianca "
                    "una persona titolare o richiedente protezione internazionale o temporanea, "
                    "con il "
                    "sostegno dello staff del programma.</p>",
                ),
                (
                    "durata-abbinamento",
                    "Quanto dura un abbinamento?",
                    "<p>Circa <b>sei mesi</b>.</p>",
                ),
            ],
        ),
    ],
    "en": [
        (
            "Joining the network",
            [
                "is-it-free",
                "how-to-join",
                (
                    "who-can-join",
                    "Who can become a member?",
                    "<p>Municipalities, regions and other public bodies, as well as associations "
                    "and "
                    "third-sector bodies, cooperatives, foundations, universities and "
                    "companies.</p>",
                ),
                (
                    "existing-programme",
                    "Do we need to run a community matching programme already?",
                    "<p>No. Organisations that already run one, those starting one and those that "
                    "are "
                    "only interested so far are all welcome.</p>",
                ),
            ],
        ),
        (
            "What members get",
            [
                (
                    "what-members-get",
                    "What does the network give its members?",
                    "<ul><li>Training for frontline staff and officials.</li>"
                    "<li>Shared tools and work processes.</li>"
                    "<li>Guidance while you start, and supervision sessions.</li>"
                    "<li>Exchange meetings and institutional events.</li>"
                    "<li>Your organisation's name and logo on the network's website.</li></ul>",
                ),
                (
                    "training-length",
                    "How long does the training take?",
                    "<p>About <b>6 to 7 hours</b> are enough for a first approach to the method. "
                    "The "
                    "training is hybrid: partly in person, partly online.</p>",
                ),
                (
                    "toolkit",
                    "Where do we find the Toolkit and the other material?",
                    '<p>The <a linktype="document" id="{toolkit}">Toolkit</a>, the Advocacy kit '
                    "and the yearly factsheets can be downloaded from the network's home page. The "
                    "training shows you how to use them.</p>",
                ),
                (
                    "single-packages",
                    "Can we choose only some of the services?",
                    "<p>Yes. Besides the full path you can ask for single packages, for example "
                    "only "
                    "the training or only supervision.</p>",
                ),
            ],
        ),
        (
            "What members commit to",
            [
                (
                    "obligations",
                    "What does a member organisation commit to?",
                    "<p>Contributing to the initiative, taking part in the network's public "
                    "events, "
                    "sharing the results obtained locally and reporting on the agreed impact "
                    "indicators.</p>",
                ),
                (
                    "personal-data",
                    "Do you publish the contact persons' data?",
                    "<p>No. The website shows only the organisation's name, logo and generic "
                    "contacts, "
                    "and only with your consent. Personal data stays internal.</p>",
                ),
            ],
        ),
        (
            "The programme",
            [
                (
                    "what-is-it",
                    "What is community matching?",
                    "<p>A mentoring path in which a local volunteer supports a person who holds "
                    "or has "
                    "applied for international or temporary protection, backed by programme "
                    "staff.</p>",
                ),
                ("match-length", "How long does a match last?", "<p>About <b>six months</b>.</p>"),
            ],
        ),
    ],
}

BENCHMARK = {
    "slug": "faq-benchmark",
    "title": "FAQ di prova ({count} domande)",
    "intro": "Una pagina di domande generate per misurare le prestazioni.",
    "question": "Domanda di prova numero {number}: come funziona il punto {number}?",
    "answer": (
        "<p>Risposta di prova {number}. Per aderire leggete la pagina "
        '<a linktype="page" id="{joining}">Come aderire</a>.</p>'
    ),
    "section": "Gruppo {number}",
    "section_size": 25,
}
