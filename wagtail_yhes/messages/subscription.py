"""Whether an association receives the council's messages, as its update form sets it."""

from ..models import Unsubscription


def is_subscribed(association):
    """True unless the association has unsubscribed from the council's messages."""
    return not Unsubscription.objects.filter(association=association).exists()


def set_subscribed(association, subscribed):
    """Subscribe the association again, or unsubscribe it, at once and unmoderated.

    It is the association's own choice about its own mail, like a withdrawn consent.
    """
    if subscribed:
        Unsubscription.objects.filter(association=association).delete()
    else:
        Unsubscription.objects.get_or_create(association=association)
