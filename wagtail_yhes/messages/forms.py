"""The admin form of a message: its recipients' filters and its text."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from ..models import ActivityField, Message, Municipality
from .composing import NAME_PLACEHOLDER, UPDATE_LINK_PLACEHOLDER
from .recipients import RecipientChoice


def is_json(value):
    """Whether ``value`` is a JSON document, as the rich-text editor sends its content."""
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def placeholder_help():
    """How to use the placeholders, in the active language."""
    return _(
        "%(name)s is replaced with the association's name and %(link)s with a link for "
        "updating its details."
    ) % {"name": NAME_PLACEHOLDER, "link": UPDATE_LINK_PLACEHOLDER}


class MessageForm(WagtailAdminModelForm):
    """A draft message: who it goes to, chosen as in the directory, and what it says."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Associations whose home municipality or area of operation it is."),
    )
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("Activity fields"),
        queryset=ActivityField.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    words = forms.CharField(
        label=pgettext_lazy("search words", "Words"),
        required=False,
        max_length=200,
        help_text=_("As in the directory's search: associations that match every word."),
    )
    confirmed_since = forms.DateField(
        label=_("Details confirmed since"),
        required=False,
        help_text=_("Only associations that have confirmed their details on or after this day."),
    )
    include_contacts = forms.BooleanField(
        label=_("Also send to the contact persons"),
        required=False,
        help_text=_("Only to contact persons who have consented to their details being used."),
    )

    class Meta:
        model = Message
        fields = ["subject", "body_format", "body_text", "body_rich"]
        widgets = {"body_format": forms.RadioSelect}

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not is_json(data.get("body_rich", "")):
            # The rich-text editor sends its content as JSON; anything else (a form sent
            # without JavaScript, or by hand) is no content rather than an error.
            data = data.copy()
            data.pop("body_rich", None)
        super().__init__(data, *args, **kwargs)
        for name in ("body_text", "body_rich"):
            self.fields[name].help_text = placeholder_help()
        if self.instance.pk:
            choice = RecipientChoice.from_filters(self.instance.filters)
            self.initial.update(
                municipalities=choice.municipalities,
                activity_fields=choice.activity_fields,
                words=choice.words,
                confirmed_since=choice.confirmed_since,
                include_contacts=choice.include_contacts,
            )

    def clean_confirmed_since(self):
        since = self.cleaned_data.get("confirmed_since")
        if since and since > timezone.localdate():
            raise ValidationError(_("The day cannot be in the future."), code="future")
        return since

    def clean(self):
        cleaned_data = super().clean()
        rich = cleaned_data.get("body_format") == Message.BodyFormat.RICH
        field = "body_rich" if rich else "body_text"
        if not (cleaned_data.get(field) or "").strip():
            self.add_error(field, ValidationError(_("Write the message."), code="required"))
        return cleaned_data

    def recipient_choice(self):
        """The filters as the form chose them."""
        data = self.cleaned_data
        return RecipientChoice(
            municipalities=list(data["municipalities"]),
            activity_fields=list(data["activity_fields"]),
            words=" ".join(data["words"].split()),
            confirmed_since=data["confirmed_since"],
            include_contacts=data["include_contacts"],
        )

    def save(self, commit=True):
        self.instance.filters = self.recipient_choice().as_filters()
        return super().save(commit)
