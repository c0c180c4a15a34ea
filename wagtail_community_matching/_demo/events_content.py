"""Words of the demo events, in Italian and English (written from DOMAIN.md)."""

INDEX = {
    "it": {
        "title": "Eventi e formazioni",
        "intro": (
            "Incontri collettivi, formazioni per le équipe locali, supervisioni e webinar "
            "della rete. Le iscrizioni si fanno online."
        ),
    },
    "en": {
        "title": "Events and trainings",
        "intro": (
            "The network's collective meetings, trainings for local teams, supervision "
            "sessions and webinars. Sign up online."
        ),
    },
}

#: Venues: name, street address, postal code, city, region, latitude, longitude.
VENUES = [
    (
        "Sala conferenze Casa delle Associazioni",
        "Via Marsala 8",
        "20121",
        "Milano",
        "Lombardia",
        "45.477800",
        "9.188300",
    ),
    (
        "Centro civico Oltretorrente",
        "Borgo Santa Chiara 2",
        "43125",
        "Parma",
        "Emilia-Romagna",
        "44.799300",
        "10.321100",
    ),
    (
        "Biblioteca di quartiere Navile",
        "Via Gorki 10",
        "40128",
        "Bologna",
        "Emilia-Romagna",
        "44.521900",
        "11.350100",
    ),
    (
        "Spazio incontri Esquilino",
        "Via Principe Amedeo 188",
        "00185",
        "Roma",
        "Lazio",
        "41.897000",
        "12.505600",
    ),
    (
        "Casa del Quartiere San Salvario",
        "Via Morgari 14",
        "10125",
        "Torino",
        "Piemonte",
        "45.056400",
        "7.681600",
    ),
]

#: Each event: slug, English slug, fields shared by both languages, then the words.
EVENTS = [
    {
        "slug": "primo-incontro-collettivo-milano",
        "slug_en": "first-collective-meeting-milan",
        "when": ("june_10", "10:00", "17:00"),
        "fields": {
            "kind": "meeting",
            "attendance_mode": "hybrid",
            "venue": "Milano",
            "online_url": "https://meet.example.org/rete-community-matching",
            "online_url_public": False,
            "registration_mode": "built_in",
            "capacity": 80,
            "organiser_name": "Segreteria della rete",
        },
        "it": {
            "title": "Primo incontro collettivo della rete",
            "summary": (
                "Una giornata a Milano, in presenza e online, per conoscere i membri della rete "
                "e condividere le prime esperienze di community matching."
            ),
            "audience": "Enti membri e interessati",
            "body": (
                "<p>Il primo incontro collettivo riunisce enti pubblici e organizzazioni private "
                "che fanno parte della rete o vogliono aderire.</p><ul><li>Mattina: il metodo e "
                "i risultati delle dieci città pilota</li><li>Pomeriggio: tavoli di lavoro per "
                "territorio</li></ul><p>Chi si iscrive online riceve il link di collegamento "
                "per email.</p>"
            ),
        },
        "en": {
            "title": "First collective meeting of the network",
            "summary": (
                "A day in Milan, in person and online, to meet the network's members and share "
                "the first community matching experiences."
            ),
            "audience": "Member organisations and interested bodies",
            "body": (
                "<p>The first collective meeting brings together public bodies and private "
                "organisations that belong to the network or want to join.</p><ul><li>Morning: "
                "the method and the results of the ten pilot cities</li><li>Afternoon: working "
                "groups by area</li></ul><p>People who sign up online get the link by email.</p>"
            ),
        },
    },
    {
        "slug": "formazione-equipe-locali-parma",
        "slug_en": "local-team-training-parma",
        "when": (45, "09:30", "16:30"),
        "fields": {
            "kind": "training",
            "attendance_mode": "in_person",
            "venue": "Parma",
            "registration_mode": "built_in",
            "capacity": 25,
            "organiser_name": "Rete Community Matching",
            # The demo member of this city organises it, when the members demo is loaded.
            "organiser": "Parma",
        },
        "it": {
            "title": "Formazione per le équipe locali a Parma",
            "summary": (
                "Sei ore e mezza per operatori e funzionari che avviano un programma: il metodo, "
                "gli strumenti e il lavoro con i volontari."
            ),
            "audience": "Operatori e funzionari degli enti membri",
            "body": (
                "<p>Una prima formazione in presenza, sufficiente per un primo approccio al "
                "metodo. Si usano il Toolkit e i materiali della rete.</p>"
            ),
        },
        "en": {
            "title": "Training for local teams in Parma",
            "summary": (
                "Six and a half hours for frontline staff and officials starting a programme: "
                "the method, the tools and working with volunteers."
            ),
            "audience": "Staff and officials of member organisations",
            "body": (
                "<p>A first in-person training, enough for a first approach to the method. "
                "It uses the network's Toolkit and materials.</p>"
            ),
        },
    },
    {
        "slug": "formazione-online-abbinamenti",
        "slug_en": "online-training-matching",
        "when": (20, "15:00", "17:30"),
        "fields": {
            "kind": "training",
            "attendance_mode": "online",
            "online_url": "https://meet.example.org/formazione-online",
            "online_url_public": False,
            "registration_mode": "built_in",
            "capacity": 60,
        },
        "it": {
            "title": "Formazione online: come si fa un abbinamento",
            "summary": "Il modulo online sugli abbinamenti tra volontari e persone rifugiate.",
            "audience": "Operatori delle équipe locali",
            "body": "<p>Il link al collegamento arriva per email a chi si iscrive.</p>",
        },
        "en": {
            "title": "Online training: how to make a match",
            "summary": "The online module on matching volunteers with refugees.",
            "audience": "Staff of local teams",
            "body": "<p>People who sign up get the link by email.</p>",
        },
    },
    {
        "slug": "supervisione-mensile",
        "slug_en": "monthly-supervision",
        "when": (-60, "17:30", "19:00"),
        "fields": {
            "kind": "supervision",
            "attendance_mode": "online",
            "online_url": "https://meet.example.org/supervisione",
            "online_url_public": False,
            "recurrence_rule": "FREQ=MONTHLY;BYDAY=2TU",
            "registration_mode": "built_in",
            "capacity": 12,
        },
        "it": {
            "title": "Supervisione mensile delle équipe",
            "summary": (
                "Ogni secondo martedì del mese le équipe locali rileggono i casi con chi ha "
                "esperienza del metodo."
            ),
            "audience": "Équipe locali dei membri",
            "body": (
                "<p>Ci si iscrive a ogni data; i posti sono pochi per lasciare spazio a tutti.</p>"
            ),
        },
        "en": {
            "title": "Monthly team supervision",
            "summary": (
                "Every second Tuesday of the month local teams review their cases with people "
                "experienced in the method."
            ),
            "audience": "Members' local teams",
            "body": "<p>Sign up for each date; places are few so everyone can speak.</p>",
        },
    },
    {
        "slug": "incontro-di-scambio-bologna",
        "slug_en": "exchange-meeting-bologna",
        "when": (15, "18:00", "20:00"),
        "fields": {
            "kind": "meeting",
            "attendance_mode": "in_person",
            "venue": "Bologna",
            "status": "cancelled",
        },
        "it": {
            "title": "Incontro di scambio a Bologna",
            "summary": "Annullato: l'incontro sarà riproposto nei prossimi mesi.",
            "audience": "Volontari e operatori",
            "body": "<p>Ci scusiamo per il disagio.</p>",
        },
        "en": {
            "title": "Exchange meeting in Bologna",
            "summary": "Cancelled: the meeting will be offered again in the coming months.",
            "audience": "Volunteers and staff",
            "body": "<p>We apologise for the inconvenience.</p>",
        },
    },
    {
        "slug": "presentazione-rete-roma",
        "slug_en": "network-presentation-rome",
        "when": (-75, "10:00", "13:00"),
        "fields": {"kind": "meeting", "attendance_mode": "in_person", "venue": "Roma"},
        "it": {
            "title": "Presentazione della rete a Roma",
            "summary": "La rete presentata a comuni, regioni e organizzazioni del Lazio.",
            "audience": "Enti pubblici e privati",
            "body": "<p>I materiali presentati sono nella pagina delle risorse.</p>",
        },
        "en": {
            "title": "Presenting the network in Rome",
            "summary": "The network presented to municipalities, regions and organisations.",
            "audience": "Public and private bodies",
            "body": "<p>The materials shown are on the resources page.</p>",
        },
    },
    {
        "slug": "webinar-raccolta-dati-torino",
        "slug_en": "data-collection-webinar-turin",
        "when": (-30, "11:00", "12:30"),
        "fields": {
            "kind": "webinar",
            "attendance_mode": "hybrid",
            "venue": "Torino",
            "online_url": "https://meet.example.org/webinar-dati",
        },
        "it": {
            "title": "Webinar: raccogliere i dati degli abbinamenti",
            "summary": "Gli indicatori di impatto che i membri condividono ogni anno.",
            "audience": "Referenti dei membri",
            "body": "<p>La registrazione è disponibile su richiesta.</p>",
        },
        "en": {
            "title": "Webinar: collecting data on matches",
            "summary": "The impact indicators members share every year.",
            "audience": "Members' contact people",
            "body": "<p>The recording is available on request.</p>",
        },
    },
]

#: Demo registrants of the Milan meeting (example.org addresses only).
#: Sign-ups for the first event: confirmed, still to confirm (a place held), cancelled.
REGISTRANTS = [
    ("Anna Rossi", "anna.rossi@example.org", "Comune di Bergamo", "registered"),
    ("Luca Esposito", "luca.esposito@example.org", "Cooperativa Sociale Aurora", "unconfirmed"),
    ("Sara Conti", "sara.conti@example.org", "Associazione Ponti", "cancelled"),
]
