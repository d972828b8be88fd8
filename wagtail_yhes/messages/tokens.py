"""Signed unsubscribe links: one per association, valid until the association is gone.

Unlike an update link, an unsubscribe link must keep working in an old email: it carries
only the association's primary key (and the message it came with), signed.
"""

from django.core import signing
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from ..models import Association

SALT = "wagtail_yhes.messages.unsubscribe"


def make_unsubscribe_token(association, message=None):
    """The token of ``association``'s unsubscribe link in ``message``."""
    signed = signing.dumps({"a": association.pk, "m": message and message.pk}, salt=SALT)
    # Wagtail routes only path segments of letters, digits, "_" and "-".
    return urlsafe_base64_encode(signed.encode("ascii"))


def read_unsubscribe_token(token):
    """Return ``(association, message id)`` for a valid token, else ``(None, None)``."""
    try:
        payload = signing.loads(force_str(urlsafe_base64_decode(token)), salt=SALT)
        association_pk, message_pk = payload["a"], payload["m"]
    except (signing.BadSignature, KeyError, TypeError, ValueError, UnicodeDecodeError):
        return None, None
    association = Association.objects.filter(pk=association_pk).first()
    return association, (message_pk if association else None)


def unsubscribe_url(page, association, message=None):
    """The full address of ``association``'s unsubscribe link on the directory ``page``."""
    token = make_unsubscribe_token(association, message)
    return page.get_full_url() + page.reverse_subpage("unsubscribe", kwargs={"token": token})
