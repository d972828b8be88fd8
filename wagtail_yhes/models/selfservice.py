"""Records of what associations send through the directory, and of the reminders sent."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmissionKind(models.TextChoices):
    NEW = "new", _("New association")
    UPDATE = "update", pgettext_lazy("submission kind", "Update")
    CONFIRMATION = "confirmation", _("Details confirmed")


class Submission(models.Model):
    """One use of the public forms: a new association, an update, or a confirmation.

    It keeps what the moderators need and the association itself does not hold: who sent
    it, and whether it looks like an association already in the register.
    """

    association = models.ForeignKey(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SubmissionKind)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name=_("moderation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitter_email = models.EmailField(_("sender's email"), blank=True)
    duplicate_of = models.ForeignKey(
        "wagtail_yhes.Association",
        verbose_name=_("possible duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.association}"


class UpdateReminder(models.Model):
    """A reminder sent to an association to check its details."""

    association = models.ForeignKey(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="update_reminders",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("update reminder")
        verbose_name_plural = _("update reminders")

    def __str__(self):
        return f"{self.association} ({self.sent_at:%Y-%m-%d})"
