"""Signed update links: bound to one association and to its state when the link was made.

A link carries the association's primary key and a fingerprint of its current state.
Anything that an association's use of a link leaves behind (a new revision, a new
confirmation date, a new submission record) changes the fingerprint, so a link works
once; an editor's change makes older links stale too, so that nobody updates details
from an outdated form.
"""

import base64
import binascii
import datetime
import hashlib

from django.core import signing
from django.db import connections
from django.db.models import F

from ..conf import get_setting
from ..models import Association

SALT = "wagtail_yhes.selfservice.update_link"


def link_max_age():
    """How long an update link works, as a ``timedelta``."""
    return datetime.timedelta(days=get_setting("UPDATE_LINK_MAX_AGE"))


def state_fingerprint(association):
    """Return a short digest of the state that a link is bound to."""
    last_submission = association.submissions.order_by("-pk").values_list("pk", flat=True).first()
    state = ":".join(
        str(part)
        for part in (
            association.pk,
            association.latest_revision_id,
            association.last_verified,
            last_submission,
        )
    )
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def _encode(signed):
    # Wagtail routes only path segments of letters, digits, "_" and "-", and a signed
    # value has colons: the token is the signed value in URL-safe base64.
    return base64.urlsafe_b64encode(signed.encode("ascii")).decode("ascii").rstrip("=")


def _decode(token):
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
    except (ValueError, binascii.Error):
        return None


def make_update_token(association):
    """Return the token of an update link for ``association`` in its current state."""
    payload = {"a": association.pk, "f": state_fingerprint(association)}
    return _encode(signing.dumps(payload, salt=SALT, compress=True))


def read_update_token(token, *, lock=False):
    """Return the published association that ``token`` still opens, or ``None``.

    ``None`` covers every way a link can fail: tampered, expired, already used, or made
    for an association that has since been unpublished. With ``lock``, inside the
    transaction that uses the link, the association's row is locked until it commits:
    a second request with the same link waits for it, and then finds the link used.
    """
    signed = _decode(token)
    if signed is None:
        return None
    try:
        payload = signing.loads(signed, salt=SALT, max_age=link_max_age())
        pk, fingerprint = payload["a"], payload["f"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    associations = Association.objects.filter(pk=pk, live=True)
    if lock:
        associations = _locked(associations)
    association = associations.first()
    if association is None or state_fingerprint(association) != fingerprint:
        return None
    return association


def _locked(associations):
    """``associations`` read with their rows locked until the transaction ends.

    SQLite has no row locks: a write that changes nothing takes the lock of the whole
    database instead, and what is read after it is what the last writer committed.
    """
    if connections[associations.db].features.has_select_for_update:
        return associations.select_for_update()
    associations.update(last_verified=F("last_verified"))
    return associations
