"""Writing a planned import of associations: new ones, and new revisions of changed ones.

``AssociationWriter`` is the writing half of ``apply.AssociationImport``; it writes in
chunks of a few thousand rows, with Wagtail's bookkeeping done in bulk (``bulk``).
"""

import uuid

from django.utils import timezone
from django.utils.text import slugify

from ..models import Association
from ..models.associations import RESERVED_SLUGS, AssociationSource
from ..search import reindex_associations
from . import bulk
from .results import RowAction

#: Log actions of imported changes, registered in ``wagtail_hooks``.
CREATE_ACTION = "wagtail_yhes.import.create"
UPDATE_ACTION = "wagtail_yhes.import.update"

#: Fields that a row sets directly.
SCALAR_FIELDS = Association.DETAIL_FIELDS
RELATION_FIELDS = ("municipalities", "activity_fields")
#: Rows written at a time.
WRITE_CHUNK_SIZE = 2000


class SlugAllocator:
    """Unique slugs for many new associations, as ``unique_slug`` makes one at a time."""

    def __init__(self):
        self.taken = set(Association.objects.values_list("slug", flat=True).iterator(5000))
        self.taken |= RESERVED_SLUGS

    def allocate(self, name):
        base = slugify(name)[:240] or "yhdistys"
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


class AssociationWriter:
    """Writes the rows that ``plan()`` left new or updated; mixed into the import."""

    def write(self, result):
        """Write the planned rows of ``result``; call inside a transaction.

        The rows are written a few thousand at a time, and what a written row held for
        writing is let go, so that a large file does not need all its objects, revisions
        and log entries in memory at once.
        """
        self.timestamp = timezone.now()
        self.log_uuid = uuid.uuid4()
        self.slugs = SlugAllocator()
        self.vocabulary.save_new_fields()
        new_rows = [row for row in result.rows if row.action == RowAction.NEW]
        update_rows = [row for row in result.rows if row.action == RowAction.UPDATE]
        for chunk in bulk.chunked(new_rows, WRITE_CHUNK_SIZE):
            self.index(self.create(chunk))
            release(chunk)
        for publish in (True, False):
            rows = [row for row in update_rows if row.publish is publish]
            for chunk in bulk.chunked(rows, WRITE_CHUNK_SIZE):
                written = self.update(chunk, publish=publish)
                if publish:
                    self.index(written)
                release(chunk)
        result.written = True

    @staticmethod
    def index(objects):
        for chunk in bulk.chunked([obj.pk for obj in objects], bulk.SEARCH_BATCH_SIZE):
            # The search fields follow the home municipality: loaded with the
            # associations, not one query per association.
            reindex_associations(
                Association.objects.filter(pk__in=chunk).select_related("home_municipality")
            )

    def create(self, rows):
        """Create the associations of new rows with their first revision; return them."""
        timestamp = self.timestamp
        objects = []
        for row in rows:
            values = row.values
            obj = Association(
                **{name: values[name] for name in SCALAR_FIELDS if name in values},
                home_municipality=values["home_municipality"],
                contact_consent=values.get("contact_consent", False),
                last_verified=values.get("answered_at"),
                slug=self.slugs.allocate(values["name"]),
                source=AssociationSource.IMPORT,
                live=self.publish,
                has_unpublished_changes=not self.publish,
                first_published_at=timestamp if self.publish else None,
                last_published_at=timestamp if self.publish else None,
            )
            objects.append(obj)
        Association.objects.bulk_create(objects, batch_size=bulk.BATCH_SIZE)
        for obj, row in zip(objects, rows, strict=True):
            for field_name in RELATION_FIELDS:
                getattr(obj, field_name).set(row.values.get(field_name, []))
        self.write_relations(objects, RELATION_FIELDS)
        revisions = bulk.create_revisions(objects, user=self.user, timestamp=timestamp)
        for obj, revision in zip(objects, revisions, strict=True):
            obj.latest_revision = revision
            if self.publish:
                obj.live_revision = revision
        bulk.update_columns(objects, ["latest_revision", "live_revision"])
        bulk.log_actions(
            objects,
            action=CREATE_ACTION,
            user=self.user,
            timestamp=timestamp,
            uuid=self.log_uuid,
            revisions=revisions,
            data=lambda obj: {"file": self.filename, "published": self.publish},
        )
        bulk.update_reference_index(objects)
        if self.publish:
            bulk.send_published(objects, revisions)
        return objects

    def update(self, rows, *, publish):
        """Save a new revision of each changed association; return those written live."""
        timestamp = self.timestamp
        objects = []
        for row in rows:
            obj = row.target
            for field_name, value in row.values.items():
                if field_name in RELATION_FIELDS:
                    getattr(obj, field_name).set(value)
                else:
                    setattr(obj, field_name, value)
            objects.append(obj)
        revisions = bulk.create_revisions(objects, user=self.user, timestamp=timestamp)
        for obj, revision in zip(objects, revisions, strict=True):
            obj.latest_revision = revision
            if publish:
                obj.live_revision = revision
                obj.last_published_at = timestamp
                obj.has_unpublished_changes = False
            else:
                obj.has_unpublished_changes = True
        if publish:
            # Only the changed columns are written, each set of them in one statement,
            # so that the import does not write back columns that it did not change.
            groups = {}
            for obj, row in zip(objects, rows, strict=True):
                changed = tuple(name for name in row.values if name not in RELATION_FIELDS)
                groups.setdefault(changed, []).append(obj)
            bookkeeping = ["latest_revision", "live_revision", "last_published_at"]
            for changed, group in groups.items():
                bulk.update_columns(group, [*changed, *bookkeeping])
            for field_name in RELATION_FIELDS:
                self.write_relations(
                    [o for o, r in zip(objects, rows, strict=True) if field_name in r.values],
                    [field_name],
                    replace=True,
                )
            bulk.update_reference_index(objects)
        else:
            bulk.update_columns(objects, ["latest_revision", "has_unpublished_changes"])
        bulk.log_actions(
            objects,
            action=UPDATE_ACTION,
            user=self.user,
            timestamp=timestamp,
            uuid=self.log_uuid,
            revisions=revisions,
            data=self.update_log_data(rows, publish),
        )
        if not publish:
            return []
        bulk.send_published(objects, revisions)
        return objects

    def update_log_data(self, rows, publish):
        fields = {row.target.pk: list(row.values) for row in rows}
        return lambda obj: {"file": self.filename, "published": publish, "fields": fields[obj.pk]}

    @staticmethod
    def write_relations(objects, field_names, replace=False):
        """Store the in-memory many-to-many values of ``objects`` in their tables."""
        for field_name in field_names:
            if not objects:
                continue
            through = getattr(Association, field_name).through
            target = Association._meta.get_field(field_name).m2m_reverse_field_name()
            if replace:
                for chunk in bulk.chunked(obj.pk for obj in objects):
                    through.objects.filter(association_id__in=chunk).delete()
            through.objects.bulk_create(
                [
                    through(association_id=obj.pk, **{f"{target}_id": related.pk})
                    for obj in objects
                    for related in getattr(obj, field_name).all()
                ],
                batch_size=bulk.BATCH_SIZE,
            )


def release(rows):
    """Let go of what written rows held for writing; their outcome stays for the report."""
    for row in rows:
        row.values, row.blank, row.target = {}, set(), None
