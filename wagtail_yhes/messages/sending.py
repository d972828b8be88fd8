"""Sending a message in the background, in batches, each address once.

Sending starts when an editor presses the button: the recipients are fixed as rows of
``MessageRecipient`` in one transaction, and a task sends a batch of them, then hands
the rest to a new task. A row is claimed before its email is sent and marked sent right
after, so a second press, a second worker or a restarted one never sends it again. A row
that a worker claimed and never reported on is taken for failed after
``WAGTAIL_YHES_MESSAGE_CLAIM_TIMEOUT``: whether its email left is unknown, and the
editor decides whether to send it again.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from ..conf import get_setting
from ..models import Message, Unsubscription
from ..models import MessageRecipient as Row
from ..selfservice.emails import default_directory_page
from .composing import body_parts, build_email
from .privacy import prune_archive
from .recipients import Recipient, RecipientChoice, choose_recipients

logger = logging.getLogger(__name__)


def start_sending(message, user, enqueue):
    """Fix the recipients of a draft and start sending it; False if it was not a draft.

    ``enqueue(message_id)`` starts the task once the transaction has committed.
    """
    with transaction.atomic():
        started = Message.objects.filter(pk=message.pk, status=Message.Status.DRAFT).update(
            status=Message.Status.SENDING, sent_at=timezone.now(), sent_by=user
        )
        if not started:
            return False
        recipients = choose_recipients(RecipientChoice.from_filters(message.filters))
        Row.objects.bulk_create(
            [
                Row(
                    message=message,
                    association=r.association,
                    association_name=r.association.name,
                    kind=r.kind,
                    email=r.email,
                )
                for r in recipients
            ],
            ignore_conflicts=True,
        )
        transaction.on_commit(lambda: enqueue(message.pk))
    return True


def resend_failed(message, enqueue):
    """Send again to the recipients whose email failed; the number of them."""
    with transaction.atomic():
        count = message.recipients.filter(status=Row.Status.FAILED).update(
            status=Row.Status.PENDING, error="", claim=None, claimed_at=None
        )
        if count:
            Message.objects.filter(pk=message.pk).update(
                status=Message.Status.SENDING, finished_at=None
            )
            transaction.on_commit(lambda: enqueue(message.pk))
    return count


def claim_timeout():
    return datetime.timedelta(seconds=get_setting("MESSAGE_CLAIM_TIMEOUT"))


def is_stalled(message):
    """Whether rows wait but no worker has taken any for the claim timeout.

    The task that would have sent them was lost: the web request that ran it was cut
    short, or a worker stopped between batches.
    """
    if message.status != Message.Status.SENDING:
        return False
    waiting = message.recipients.filter(status=Row.Status.PENDING)
    cutoff = timezone.now() - claim_timeout()
    recent = message.recipients.filter(claimed_at__gte=cutoff).exists()
    return waiting.exists() and not recent and (message.sent_at or cutoff) <= cutoff


def resume(message, enqueue):
    """Start a new task for a stalled message; False if it is not stalled."""
    if not is_stalled(message):
        return False
    transaction.on_commit(lambda: enqueue(message.pk))
    return True


def fail_stale_claims(message):
    """Mark as failed the rows whose worker stopped before it reported on them."""
    message.recipients.filter(
        status=Row.Status.SENDING, claimed_at__lt=timezone.now() - claim_timeout()
    ).update(
        status=Row.Status.FAILED,
        error=gettext("Sending was interrupted; the email may not have been sent."),
    )


def finish_if_done(message):
    """Mark the message sent once no recipient waits or is being sent to."""
    fail_stale_claims(message)
    busy = message.recipients.filter(status__in=[Row.Status.PENDING, Row.Status.SENDING])
    if not busy.exists():
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.SENT, finished_at=timezone.now()
        )


def claim_batch(message):
    """Claim up to a batch of waiting rows for this worker; the rows it got."""
    ids = list(
        message.recipients.filter(status=Row.Status.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[: get_setting("MESSAGE_BATCH_SIZE")]
    )
    claim = uuid.uuid4()
    Row.objects.filter(pk__in=ids, status=Row.Status.PENDING).update(
        status=Row.Status.SENDING, claim=claim, claimed_at=timezone.now()
    )
    return list(Row.objects.filter(claim=claim).select_related("association").order_by("pk"))


def fail_rows(rows, error):
    """Record ``error`` as the answer for every row of ``rows``."""
    Row.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Row.Status.FAILED, error=str(error)[:2000]
    )


def send_row(row, message, page, connection, parts):
    """Send one claimed row's email and record what the mail server answered."""
    if (
        row.association is None
        or Unsubscription.objects.filter(association=row.association).exists()
    ):
        Row.objects.filter(pk=row.pk).update(status=Row.Status.SKIPPED)
        return
    recipient = Recipient(row.association, row.kind, row.email)
    email = build_email(message, recipient, page, parts=parts)
    email.connection = connection
    try:
        email.send()
    except Exception as error:
        logger.warning("Message %s to recipient %s failed: %s", message.pk, row.pk, error)
        fail_rows([row], error)
    else:
        Row.objects.filter(pk=row.pk).update(status=Row.Status.SENT, sent_at=timezone.now())


def send_rows(rows, message):
    """Send the claimed ``rows`` through one connection to the mail server."""
    page = default_directory_page()
    if page is None:
        fail_rows(rows, gettext("The site has no published directory page for the links."))
        return
    parts = body_parts(message)
    connection = get_connection()
    try:
        connection.open()
    except Exception as error:
        logger.warning("Message %s: no connection to the mail server: %s", message.pk, error)
        fail_rows(rows, error)
        return
    try:
        for row in rows:
            send_row(row, message, page, connection, parts)
    finally:
        connection.close()


def send_batch(message_id):
    """Send one batch of a message; True if more is waiting for another batch."""
    prune_archive()
    message = Message.objects.filter(pk=message_id, status=Message.Status.SENDING).first()
    if message is None:
        return False
    rows = claim_batch(message)
    if rows:
        # The footer is in the site's language, whoever pressed the button.
        with translation.override(settings.LANGUAGE_CODE):
            send_rows(rows, message)
    more = message.recipients.filter(status=Row.Status.PENDING).exists()
    if not more:
        finish_if_done(message)
    return more
