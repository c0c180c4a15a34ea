"""The per-address limit of confirmation mails (issue 18: removing it went unnoticed).

Anyone can type a victim's address into the join form; without this limit, every
application would send that mailbox a confirmation mail.
"""

from __future__ import annotations

import pytest
from django.core import mail

from wagtail_community_matching.models import AdhesionSubmission

pytestmark = pytest.mark.django_db


def confirmations_to(address: str) -> int:
    return sum(1 for message in mail.outbox if message.to == [address] and "verify" in message.body)


def test_a_mailbox_gets_at_most_the_limit_of_confirmations(send, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "ADHESION_RATE_LIMIT": "100/h",
        "ADHESION_EMAIL_RATE_LIMIT": "2/d",
    }
    for address in ("vittima@example.org", "Vittima@Example.org", "VITTIMA@example.org"):
        assert send(page, {"email_referente": address}).status_code == 303
    assert AdhesionSubmission.objects.count() == 3  # the applications are all stored
    sent = [m for m in mail.outbox if m.to and m.to[0].lower() == "vittima@example.org"]
    assert len(sent) == 2  # the third is not mailed, whatever the case of the address
    assert AdhesionSubmission.objects.filter(confirmation_sent_at__isnull=False).count() == 2
    # Another address has its own count.
    assert send(page, {"email_referente": "altra@example.org"}).status_code == 303
    assert confirmations_to("altra@example.org") == 1


def test_one_confirmation_under_a_limit_of_one(send, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "ADHESION_RATE_LIMIT": "100/h",
        "ADHESION_EMAIL_RATE_LIMIT": "1/d",
    }
    send(page, {"email_referente": "uno@example.org"})
    send(page, {"email_referente": "uno@example.org"})
    assert confirmations_to("uno@example.org") == 1
