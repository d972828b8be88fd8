"""The public forms: a new association, a request for an update link, an update."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .. import finnish
from ..form_fields import ModelMultipleChoiceField
from ..messages.subscription import is_subscribed
from ..models import Association, Municipality
from ..validators import format_phone, normalize_business_id
from .spam import SPAM_FIELD_NAMES, SpamProtectionMixin

# Fields of one line each: line breaks and runs of spaces in them are never wanted, and
# the name ends up in email subjects.
SINGLE_LINE_FIELDS = (
    "name",
    "abbreviation",
    "registration_number",
    "street_address",
    "post_office",
    "contact_name",
)

DESCRIPTION_MAX_LENGTH = 4000


class PublicFormMixin:
    """Labels required fields in words and lists the errors for the summary at the top.

    "(required)" is part of the label text, so that it does not depend on colour, CSS or
    a symbol that a screen reader may skip.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required and not field.widget.is_hidden:
                field.label = format_lazy(
                    "{} ({})", field.label, pgettext_lazy("form field", "required")
                )

    @property
    def error_list(self):
        """Every error of the form as ``(field id or None, label, message)``, in page order."""
        errors = [(None, "", message) for message in self.non_field_errors()]
        for field in self:
            if field.name in SPAM_FIELD_NAMES:
                continue
            for message in field.errors:
                errors.append((_field_id(field), field.label, message))
        return errors


def _field_id(field):
    """The id that an error of ``field`` links to: a group of checkboxes, its first."""
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else None


def _in_alphabetical_order(choices):
    """``choices`` in the alphabetical order of their labels, the empty choice first.

    The labels are the names in the visitor's language: in Swedish, "Jockas" comes
    before "Kangasniemi", although its Finnish name "Juva" does not.
    """
    choices = list(choices)
    empty = [choice for choice in choices if choice[0] == ""]
    named = [choice for choice in choices if choice[0] != ""]
    return empty + sorted(named, key=lambda choice: finnish.sort_key(str(choice[1])))


class AssociationDetailsForm(PublicFormMixin, SpamProtectionMixin, forms.ModelForm):
    """The details that an association gives about itself, grouped as the page shows them."""

    # Required here, unlike in the admin: update links can only go to this address.
    email = forms.EmailField(
        label=_("Email address of the association"),
        max_length=254,
        help_text=_(
            "Shown on the public page. Links for updating the details are sent only to "
            "this address."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("What the association does, for whom, and how to join in."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    fieldsets = [
        (
            _("Association"),
            "",
            ["name", "abbreviation", "business_id", "registration_number", "description"],
        ),
        (_("Area and activity"), "", ["home_municipality", "municipalities", "activity_fields"]),
        (
            _("Public contact details"),
            _("These are shown on the association's public page."),
            ["email", "phone", "website", "street_address", "postal_code", "post_office"],
        ),
        (
            _("Contact person (optional)"),
            _(
                "A person whom people can contact about the association. The person's "
                "details are published only if the person has agreed to it."
            ),
            ["contact_name", "contact_email", "contact_phone", "contact_consent"],
        ),
    ]

    @property
    def field_order(self):
        """The fields in the order of the page (``fieldsets``): the summary of errors
        lists them so too."""
        return [name for _legend, _description, names in self.fieldsets for name in names]

    autocomplete = {
        "name": "organization",
        "email": "email",
        "phone": "tel",
        "website": "url",
        "street_address": "street-address",
        "postal_code": "postal-code",
        "post_office": "address-level2",
        "contact_name": "name",
        "contact_email": "email",
        "contact_phone": "tel",
    }

    class Meta:
        model = Association
        fields = [
            *Association.DETAIL_FIELDS,
            "home_municipality",
            "municipalities",
            "activity_fields",
            "contact_consent",
        ]
        labels = {
            "name": _("Name of the association"),
            "business_id": _("Business ID (Y-tunnus)"),
            "contact_name": _("Name"),
            "contact_email": _("Email address"),
            "contact_phone": _("Phone number"),
            "contact_consent": _(
                "The contact person agrees that their name, email address and phone number "
                "are shown on the association's public page."
            ),
        }
        help_texts = {
            "business_id": _("For example 1234567-1. Leave empty if the association has none."),
            "registration_number": _("The number in the Finnish Register of Associations, if any."),
            "phone": _("For example 040 123 4567."),
            "website": _("For example www.yhdistys.fi."),
            "postal_code": _("Five digits, for example 50100."),
            "contact_consent": _(
                "Without this consent, only the directory's moderators see the contact "
                "person's details. The consent can be withdrawn at any time by updating the "
                "details."
            ),
        }
        widgets = {
            "municipalities": forms.CheckboxSelectMultiple,
            "activity_fields": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "municipalities": ModelMultipleChoiceField,
            "activity_fields": ModelMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_municipality"].queryset = Municipality.objects.order_by("name")
        self.fields["home_municipality"].empty_label = _("Choose a municipality")
        for name in ("home_municipality", "municipalities", "activity_fields"):
            self.fields[name].choices = _in_alphabetical_order(self.fields[name].choices)
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs.setdefault("autocomplete", token)

    def clean(self):
        cleaned_data = super().clean()
        for name in SINGLE_LINE_FIELDS:
            if isinstance(cleaned_data.get(name), str):
                cleaned_data[name] = " ".join(cleaned_data[name].split())
        if cleaned_data.get("contact_consent") and not cleaned_data.get("contact_name"):
            self.add_error(
                "contact_name",
                ValidationError(
                    _("Give the contact person's name, or do not tick the consent."),
                    code="consent_without_name",
                ),
            )
        return cleaned_data

    def get_fieldsets(self):
        """The fields in groups: ``(legend, description, [bound fields])``."""
        return [
            (legend, description, [self[name] for name in names if name in self.fields])
            for legend, description, names in self.fieldsets
        ]


class SubmitForm(AssociationDetailsForm):
    """A new association: its details and the sender's own email address."""

    submitter_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a confirmation to this address. It is not published."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    fieldsets = AssociationDetailsForm.fieldsets + [
        (_("About you"), "", ["submitter_email"]),
    ]


class UpdateForm(AssociationDetailsForm):
    """An association's changes to its own details, prefilled with the published ones."""

    receive_messages = forms.BooleanField(
        label=_("The association receives the council's messages to associations"),
        required=False,
        help_text=_("Sent to the association's email address. Applies at once."),
    )

    fieldsets = AssociationDetailsForm.fieldsets + [
        (_("Messages from the council"), "", ["receive_messages"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("receive_messages", is_subscribed(self.instance))
        self.fields["contact_consent"].help_text = _(
            "Untick this to withdraw the consent: the contact person is removed from the "
            "public page at once, without waiting for a moderator."
        )
        # Phone numbers as people write them ("+358 40 123 4567"), not as they are stored.
        for name in ("phone", "contact_phone"):
            self.initial[name] = format_phone(self.initial.get(name))


class RequestUpdateLinkForm(PublicFormMixin, SpamProtectionMixin, forms.Form):
    """Asks for an update link with the association's email address or business ID."""

    identifier = forms.CharField(
        label=_("The association's email address or business ID"),
        help_text=_("For example info@yhdistys.fi or 1234567-1."),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    # The slug of the association whose page the visitor came from, if any.
    association = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)

    def clean_identifier(self):
        value = self.cleaned_data["identifier"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                pass
            else:
                return ("email", value)
        else:
            try:
                business_id = normalize_business_id(value)
            except ValidationError:
                business_id = ""
            if business_id:
                return ("business_id", business_id)
        raise ValidationError(
            _("Enter the association's email address, or its business ID in the form 1234567-1."),
            code="invalid_identifier",
        )


class ConfirmDetailsForm(PublicFormMixin, SpamProtectionMixin, forms.Form):
    """The one-click "details are still correct" button.

    The signed link already shows that the sender reads the association's email, so no
    minimum fill time is asked of a single click.
    """

    check_fill_time = False
