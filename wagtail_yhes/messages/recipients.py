"""Who a message goes to: the directory's filters, applied to the published associations."""

import datetime
from dataclasses import dataclass, field

from .. import finnish
from ..models import ActivityField, Association, Municipality, Unsubscription
from ..models import MessageRecipient as Row
from ..search import Search


@dataclass
class RecipientChoice:
    """The filters that an editor chose: as the directory's, and contact persons or not."""

    municipalities: list = field(default_factory=list)
    activity_fields: list = field(default_factory=list)
    words: str = ""
    confirmed_since: datetime.date | None = None
    include_contacts: bool = False

    @classmethod
    def from_filters(cls, filters):
        """The choice that ``Message.filters`` keeps; unknown slugs are left out."""
        since = filters.get("confirmed_since")
        return cls(
            municipalities=list(
                Municipality.objects.filter(slug__in=filters.get("municipalities", []))
            ),
            activity_fields=list(
                ActivityField.objects.filter(slug__in=filters.get("activity_fields", []))
            ),
            words=filters.get("words", ""),
            confirmed_since=datetime.date.fromisoformat(since) if since else None,
            include_contacts=bool(filters.get("include_contacts")),
        )

    def as_filters(self):
        """The choice as ``Message.filters`` keeps it."""
        return {
            "municipalities": [m.slug for m in self.municipalities],
            "activity_fields": [f.slug for f in self.activity_fields],
            "words": self.words,
            "confirmed_since": self.confirmed_since.isoformat() if self.confirmed_since else "",
            "include_contacts": self.include_contacts,
        }


@dataclass(frozen=True)
class Recipient:
    """One address that a message is to be sent to."""

    association: Association
    kind: str
    email: str


def chosen_associations(choice):
    """The published associations that ``choice`` selects, unsubscribed ones included.

    Chosen as the directory's search chooses them (``wagtail_yhes.search.Search``), with
    the words exactly as typed.
    """
    search = Search(
        words=tuple(finnish.query_words(choice.words)),
        municipality_ids=tuple(m.pk for m in choice.municipalities),
        activity_field_ids=tuple(f.pk for f in choice.activity_fields),
        updated_since=choice.confirmed_since,
    )
    return search.associations().order_by("name", "pk")


def choose_recipients(choice):
    """Every address that a message with ``choice`` goes to, in the associations' order.

    An association with a usable email, and its contact person when the editor asked for
    contact persons and the person consented; never an association that unsubscribed,
    and no address twice.
    """
    associations = chosen_associations(choice).exclude(
        pk__in=Unsubscription.objects.values("association")
    )
    recipients, seen = [], set()
    fields = ("pk", "name", "slug", "email", "contact_email", "contact_consent")
    for association in associations.only(*fields):
        candidates = [(Row.Kind.ASSOCIATION, association.email)]
        if choice.include_contacts and association.contact_consent:
            candidates.append((Row.Kind.CONTACT, association.contact_email))
        for kind, email in candidates:
            if email and email.casefold() not in seen:
                seen.add(email.casefold())
                recipients.append(Recipient(association, kind, email))
    return recipients
