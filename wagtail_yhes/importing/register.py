"""Finding rows of an import in the register: the identifying details of every
association, and a lock that makes concurrent imports wait for each other."""

from ..matching import normalize_name
from ..models import Association, Municipality


def lock_register():
    """Make concurrent imports wait for each other until the end of the transaction.

    Two imports that ran side by side could both decide to create the same association.
    ``FOR NO KEY UPDATE`` on the municipalities serialises imports without blocking
    editors, whose saves only take a key-share lock on them. SQLite serialises all
    writes anyway and ignores the lock.
    """
    list(Municipality.objects.select_for_update(no_key=True).order_by("pk").values_list("pk"))


class AssociationIndex:
    """The identifying details of every association, for matching many rows quickly.

    Follows ``wagtail_yhes.matching.find_existing``: the same Y-tunnus; without one, the
    same registration number; without either, the same normalised name and home
    municipality. Drafts count, and of several candidates the first by name wins. An
    empty index collects the rows of a file, to find duplicates within it.
    """

    def __init__(self):
        self.by_business_id, self.by_registration_number, self.by_name = {}, {}, {}

    @classmethod
    def of_register(cls):
        """The index of every association in the register."""
        index = cls()
        rows = Association.objects.order_by("name", "pk").values_list(
            "pk", "business_id", "registration_number", "name", "home_municipality_id"
        )
        for pk, business_id, registration_number, name, home_id in rows.iterator(5000):
            index.add(pk, business_id, registration_number, name_key(name, home_id))
        return index

    def add(self, value, business_id, registration_number, name_key):
        if business_id:
            self.by_business_id.setdefault(business_id, value)
        if registration_number:
            self.by_registration_number.setdefault(registration_number, value)
        if name_key:
            self.by_name.setdefault(name_key, value)

    def find(self, business_id, registration_number, name_key):
        if business_id:
            return self.by_business_id.get(business_id)
        if registration_number:
            return self.by_registration_number.get(registration_number)
        if name_key:
            return self.by_name.get(name_key)
        return None


def name_key(name, home_municipality_id):
    """The key of the name rule, or ``None`` without a name or a home municipality."""
    if not name or home_municipality_id is None:
        return None
    return normalize_name(name), home_municipality_id
