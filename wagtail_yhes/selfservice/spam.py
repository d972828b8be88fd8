"""Keeping programs out of the public forms: a honeypot and a minimum fill time.

The honeypot is a text field that people never see or reach: it is moved off screen by
a CSS class, hidden from assistive technology and left out of the tab order. Programs
that fill in every field fill it in too.

The minimum fill time compares the moment a form is received with a signed timestamp
that the form carried when it was rendered. A page served from a cache carries an older
timestamp, which only makes the measured time longer, so caching never turns a person
away; that is also why no maximum age is enforced.
"""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting

STAMP_SALT = "wagtail_yhes.selfservice.form_stamp"

#: Names of the fields that the mixin adds; templates render them apart from the rest.
SPAM_FIELD_NAMES = ("homepage", "form_started")


def make_form_stamp(issued_at=None):
    """Return a signed timestamp for a form rendered at ``issued_at`` (default: now)."""
    return signing.dumps(
        {"t": float(time.time() if issued_at is None else issued_at)}, salt=STAMP_SALT
    )


def read_form_stamp(stamp):
    """Return the time that a stamp was issued at, or ``None`` if it is not genuine."""
    try:
        return float(signing.loads(stamp or "", salt=STAMP_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


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
            issued_at = read_form_stamp(cleaned_data.get("form_started"))
            if issued_at is None:
                raise forms.ValidationError(self.stamp_error, code="stamp")
            if time.time() - issued_at < get_setting("MIN_FILL_SECONDS"):
                raise forms.ValidationError(self.too_fast_error, code="too_fast")
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            # The form is shown again: give it a new stamp, so that a tampered or
            # missing one does not refuse every further try, and an empty honeypot.
            self.data = self.data.copy()
            self.data[self.add_prefix("form_started")] = make_form_stamp()
            self.data[self.add_prefix("homepage")] = ""

    @property
    def spam_refused(self):
        """True when the form was refused as spam rather than for its content."""
        return any(
            self.has_error(forms.forms.NON_FIELD_ERRORS, code)
            for code in ("honeypot", "too_fast", "stamp")
        )
