"""How long the archive of messages keeps addresses, and erasing a contact person from it."""

import datetime

from django.utils import timezone

from ..conf import get_setting
from ..models import MessageRecipient as Row


def prune_archive():
    """Empty the addresses of messages sent longer ago than the archive keeps them.

    Who got a message stays in the archive as the association's name; the address
    goes. Returns the number of addresses removed.
    """
    days = get_setting("MESSAGE_RETENTION_DAYS")
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Row.objects.filter(message__sent_at__lt=cutoff).exclude(email="").update(email="")


def erase_contact_from_messages(association):
    """Remove the association's contact person from every message's recipients."""
    Row.objects.filter(association=association, kind=Row.Kind.CONTACT).delete()
