"""Messages from the council to associations, their recipients, and unsubscriptions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import RichTextField

#: The rich-text features of a message body: what an email shows well in every program.
MESSAGE_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Message(models.Model):
    """A message that the council writes once and sends to the chosen associations.

    The recipients' filters are kept as the editor chose them; the recipients themselves
    are fixed when the message is sent (``MessageRecipient``).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("message status", "Draft")
        SENDING = "sending", pgettext_lazy("message status", "Sending")
        SENT = "sent", pgettext_lazy("message status", "Sent")

    class BodyFormat(models.TextChoices):
        TEXT = "text", _("Plain text")
        RICH = "rich", _("Formatted text")

    subject = models.CharField(pgettext_lazy("email", "subject"), max_length=200)
    body_format = models.CharField(
        _("format"), max_length=10, choices=BodyFormat, default=BodyFormat.TEXT
    )
    body_text = models.TextField(_("text"), blank=True)
    body_rich = RichTextField(_("formatted text"), blank=True, features=MESSAGE_FEATURES)
    # The recipients' filters as chosen: slugs, words, a date and whether contact persons
    # are included (``wagtail_yhes.messages.recipients.RecipientChoice``).
    filters = models.JSONField(_("recipients' filters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        permissions = [("send_message", _("Can send messages to associations"))]

    def __str__(self):
        return self.subject

    def counts(self):
        """The number of recipients in each state, every state present."""
        counts = dict.fromkeys(MessageRecipient.Status.values, 0)
        rows = self.recipients.values_list("status").annotate(models.Count("pk"))
        counts.update(dict(rows))
        return counts


class MessageRecipient(models.Model):
    """One address that a message is sent to: an association's, or its contact person's.

    A message reaches each association and each of its contact persons at most once:
    the unique constraint, and a claim of the row before its email is sent, make sending
    idempotent however often it is started.
    """

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        CONTACT = "contact", _("Contact person")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not sent: unsubscribed")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="recipients")
    association = models.ForeignKey(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="message_recipients",
    )
    association_name = models.CharField(_("association"), max_length=255)
    kind = models.CharField(_("recipient"), max_length=12, choices=Kind)
    # Emptied when the archive no longer keeps addresses (``WAGTAIL_YHES_MESSAGE_RETENTION_DAYS``).
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    error = models.TextField(_("server's answer"), blank=True)
    # The worker that took the row to send it, and when: two workers never both send it.
    claim = models.UUIDField(null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["association_name", "kind"]
        verbose_name = _("recipient of a message")
        verbose_name_plural = _("recipients of messages")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "association", "kind"],
                condition=Q(association__isnull=False),
                name="wagtail_yhes_one_copy_per_recipient",
            )
        ]

    def __str__(self):
        return f"{self.association_name} <{self.email}>"


class Unsubscription(models.Model):
    """An association that no longer receives the council's messages.

    Deleting the row subscribes the association again (from its update form).
    """

    association = models.OneToOneField(
        "wagtail_yhes.Association",
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="unsubscription",
    )
    message = models.ForeignKey(
        Message,
        verbose_name=_("unsubscribed from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="unsubscriptions",
    )
    created_at = models.DateTimeField(_("unsubscribed"), default=timezone.now)

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")

    def __str__(self):
        return str(self.association)
