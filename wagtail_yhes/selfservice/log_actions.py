"""Audit-log actions of the self-service forms, as shown in an association's history.

Entries are labelled with the association's name and carry ids and kinds only: never a
contact person's or a sender's details.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter


class SubmitFormatter(LogFormatter):
    label = _("Send through the directory")

    def format_message(self, log_entry):
        duplicate = (log_entry.data or {}).get("duplicate_of")
        kind = (log_entry.data or {}).get("submission", {}).get("kind")
        message = (
            _("Sent through the directory as a new association")
            if kind == "new"
            else _("Changes sent through the directory")
        )
        if duplicate:
            return _("%(message)s; possibly a duplicate of “%(title)s”") % {
                "message": message,
                "title": duplicate.get("title", ""),
            }
        return message


def register_log_actions(actions):
    """Register the package's actions with Wagtail's log action registry."""
    actions.register_action("wagtail_yhes.submit")(SubmitFormatter)
    actions.register_action(
        "wagtail_yhes.confirm",
        _("Confirm details"),
        _("Details confirmed by the association"),
    )
    actions.register_action(
        "wagtail_yhes.withdraw_consent",
        _("Withdraw consent"),
        _("Consent to publish the contact person withdrawn"),
    )
    actions.register_action(
        "wagtail_yhes.erase_contact",
        _("Erase contact person"),
        _("Contact person erased"),
    )
