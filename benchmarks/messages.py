"""Sending a message to 3,000 associations through a real SMTP server.

    DATABASE_URL= .venv/bin/pytest benchmarks/messages.py -s -q
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yhes_bench .venv/bin/pytest \
        benchmarks/messages.py -s -q

The test site's settings, an aiosmtpd server on a local port (``tests/messages/smtp.py``),
and 3,000 published associations. Prints the time of fixing the recipients (pressing
"send") and of sending every batch as one worker does, and checks that the server got
each address once.
"""

import time

import pytest
from django.db import connection

from tests.conftest import region, temporary_media_root  # noqa: F401 (fixtures)
from tests.messages.conftest import directory, mailbox  # noqa: F401 (fixtures)
from wagtail_yhes.conf import get_setting
from wagtail_yhes.messages.sending import send_batch, start_sending
from wagtail_yhes.models import Association, Message, Municipality

pytestmark = pytest.mark.django_db

RECIPIENTS = 3000


def create_associations(count):
    municipalities = list(Municipality.objects.all())
    Association.objects.bulk_create(
        Association(
            name=f"Yhdistys {n:04d} ry",
            slug=f"yhdistys-{n:04d}",
            email=f"yhdistys{n:04d}@example.fi",
            home_municipality=municipalities[n % len(municipalities)],
            live=True,
        )
        for n in range(count)
    )


def test_send_3000(directory, mailbox):  # noqa: F811
    create_associations(RECIPIENTS)
    message = Message.objects.create(
        subject="Kutsu kuulemiseen: {nimi}",
        body_text="Hei {nimi}!\n\nTervetuloa.\n\nTarkistakaa tietonne: {päivityslinkki}",
    )
    start = time.perf_counter()
    start_sending(message, None, lambda message_id: None)
    fixed = time.perf_counter() - start

    start = time.perf_counter()
    batches = 1
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        while send_batch(message.pk):
            batches += 1
    sent = time.perf_counter() - start

    assert len(mailbox.messages) == RECIPIENTS
    assert len(set(mailbox.recipients())) == RECIPIENTS
    print(
        f"\n{connection.vendor}: {RECIPIENTS} recipients in {batches} batches of "
        f"{get_setting('MESSAGE_BATCH_SIZE')}"
        f"\n  fixing the recipients: {fixed:.2f} s"
        f"\n  sending: {sent:.1f} s ({RECIPIENTS / sent:.0f} emails/s), "
        f"{len(queries) / RECIPIENTS:.1f} queries per email"
    )
