"""Keeping programs out of the public forms: a honeypot and a minimum fill time.

The honeypot is a text field that people never see or reach: it is moved off screen by
a CSS class, hidden from assistive technology and left out of the tab order. Programs
that fill in every field fill it in too.

The minimum fill time compares the moment a form is received with a signed timestamp
that the form carried when it was rendered. The stamp also expires
(``WAGTAIL_YHES_FORM_STAMP_MAX_AGE``) and serves one sending only: it is recorded in
Django's default cache when a form that carries it is accepted, so that a program cannot
fetch one form and send it again and again. The form pages are never cached
(``Cache-Control: private, no-store``), so every visitor gets a fresh stamp.
"""

import hashlib
import logging
import secrets
import time

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting

logger = logging.getLogger(__name__)

STAMP_SALT = "wagtail_yhes.selfservice.form_stamp"

#: Names of the fields that the mixin adds; templates render them apart from the rest.
SPAM_FIELD_NAMES = ("homepage", "form_started")


def make_form_stamp(issued_at=None):
    """Return a signed timestamp for a form rendered at ``issued_at`` (default: now).

    A random part makes every stamp unique, so that each can be used once.
    """
    issued_at = float(time.time() if issued_at is None else issued_at)
    return signing.dumps({"t": issued_at, "n": secrets.token_urlsafe(12)}, salt=STAMP_SALT)


def read_form_stamp(stamp):
    """Return the time that a stamp was issued at, or ``None`` if it is not genuine."""
    try:
        return float(signing.loads(stamp or "", salt=STAMP_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def use_form_stamp(stamp):
    """Record ``stamp`` as used; ``False`` if a form carrying it was accepted before.

    A cache that does not answer does not stop the forms: the stamp is then accepted
    and the failure logged, as the rate limits do.
    """
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:32]
    try:
        return cache.add(
            f"wagtail_yhes:form_stamp:{digest}", 1, timeout=get_setting("FORM_STAMP_MAX_AGE")
        )
    except Exception:
        logger.exception("A form stamp could not be recorded; the form is accepted")
        return True


class SpamProtectionMixin(forms.Form):
    """Adds the honeypot and the fill-time stamp to a form, and checks both."""

    #: Whether the form must have been open for ``WAGTAIL_YHES_MIN_FILL_SECONDS``.
    check_fill_time = True

    honeypot_error = _(
        "The form was not sent, because a field that people do not see was filled in. "
        "If you are a person, please send the form again."
    )
    too_fast_error = _(
        "The form was sent faster than a person can fill it in. Please check the details "
        "and send the form again."
    )
    stamp_error = _("The form was incomplete. Please check the details and send it again.")
    expired_error = _(
        "The form was open for a long time, and its details were not sent. Please check "
        "them and send the form again."
    )
    used_error = _(
        "This form has already been sent. To send the details again, check them and send "
        "the form once more."
    )

    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_started"].initial = make_form_stamp()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("homepage"):
            raise forms.ValidationError(self.honeypot_error, code="honeypot")
        if self.check_fill_time:
            self.check_stamp(cleaned_data.get("form_started"))
        return cleaned_data

    def check_stamp(self, stamp):
        """Refuse a stamp that is forged, too young or too old."""
        issued_at = read_form_stamp(stamp)
        if issued_at is None:
            raise forms.ValidationError(self.stamp_error, code="stamp")
        age = time.time() - issued_at
        if age < get_setting("MIN_FILL_SECONDS"):
            raise forms.ValidationError(self.too_fast_error, code="too_fast")
        if age > get_setting("FORM_STAMP_MAX_AGE"):
            raise forms.ValidationError(self.expired_error, code="stamp_expired")

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # Only a form that is in order uses its stamp, after the model's validation
        # too: a form sent back for a typing error can be corrected and sent with it.
        if self.check_fill_time and not self.errors:
            if not use_form_stamp(self.cleaned_data["form_started"]):
                self.add_error(None, forms.ValidationError(self.used_error, code="stamp_used"))
        if self.errors:
            self.renew_stamp()

    def renew_stamp(self):
        """Give a form that is shown again a new stamp and an empty honeypot.

        So that a tampered, missing, expired or used stamp does not refuse every
        further try.
        """
        self.data = self.data.copy()
        self.data[self.add_prefix("form_started")] = make_form_stamp()
        self.data[self.add_prefix("homepage")] = ""

    @property
    def spam_refused(self):
        """True when the form was refused as spam rather than for its content."""
        return any(
            self.has_error(forms.forms.NON_FIELD_ERRORS, code)
            for code in ("honeypot", "too_fast", "stamp", "stamp_expired", "stamp_used")
        )
