"""Per-site settings of the directory that editors keep in the Wagtail admin."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def split_addresses(value):
    """Return the email addresses of a text with one or more addresses per line."""
    return [part for part in (value or "").replace(",", " ").replace(";", " ").split() if part]


def validate_address_list(value):
    """Check every address of a list of email addresses."""
    invalid = []
    for address in split_addresses(value):
        try:
            validate_email(address)
        except ValidationError:
            invalid.append(address)
    if invalid:
        raise ValidationError(
            _("These are not valid email addresses: %(addresses)s"),
            code="invalid_addresses",
            params={"addresses": ", ".join(invalid)},
        )


@register_setting(icon="group")
class YhesSettings(BaseSiteSetting):
    """The privacy notice, the moderators' addresses and the reminder age of a site."""

    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The forms of the directory link to this page."),
    )
    moderator_emails = models.TextField(
        _("moderators' notification addresses"),
        blank=True,
        validators=[validate_address_list],
        help_text=_(
            "New submissions and updates are announced to these addresses, one per line. "
            "If empty, the members of the group “YhES moderators” are notified."
        ),
    )
    reminder_age_months = models.PositiveSmallIntegerField(
        _("remind after (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "Associations whose details have not been confirmed for this many months are "
            "asked to check them, at most once in that time."
        ),
    )

    panels = [
        FieldPanel("privacy_notice_page"),
        FieldPanel("moderator_emails"),
        FieldPanel("reminder_age_months"),
    ]

    class Meta:
        verbose_name = _("directory settings")
        verbose_name_plural = _("directory settings")

    @property
    def moderator_addresses(self):
        """The notification addresses as a list, without any that are not valid."""
        valid = []
        for address in split_addresses(self.moderator_emails):
            try:
                validate_email(address)
            except ValidationError:
                continue
            valid.append(address)
        return valid
