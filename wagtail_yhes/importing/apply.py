"""Importing associations: matching rows with the register, working out what changes, and
writing everything or nothing.

An import first plans: it reads every row, matches it with the register (DESIGN §
Import columns) and compares it with the association's current details, without
writing. Only when no row has an error does it write, in one transaction: new
associations, and a new revision for each changed one, published or as a draft.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Revision

from ..models import Association
from . import bulk
from .columns import ASSOCIATION_COLUMNS, match_columns
from .reading import read_table
from .register import AssociationIndex, lock_register, name_key
from .results import ImportResult, RowAction, RowResult
from .rows import AssociationRowParser, RowError
from .vocabulary import Vocabulary
from .writing import (
    CREATE_ACTION,
    RELATION_FIELDS,
    SCALAR_FIELDS,
    UPDATE_ACTION,
    AssociationWriter,
)

__all__ = ["CREATE_ACTION", "UPDATE_ACTION", "AssociationImport", "import_associations"]

#: Columns whose value is stored in a field of another name.
STORED_AS = {"answered_at": "last_verified"}
#: Fields that say who the contact person is; a change of them is a new person.
_PERSON_FIELDS = {"contact_name", "contact_email"}
#: The name and the home municipality are required: they are never cleared.
EMPTY_VALUES = {
    **{name: "" for name in SCALAR_FIELDS if name != "name"},
    "municipalities": [],
    "activity_fields": [],
    "contact_consent": False,
    "answered_at": None,
}


def display_value(value):
    """A value in the form shown in the preview and stored with an import batch."""
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _same_text(old, new):
    # Text typed in the admin has Windows line breaks; a file's cells have "\n".
    return (old or "").replace("\r\n", "\n") == (new or "").replace("\r\n", "\n")


class BaseImport:
    """What the imports of associations and of liaisons share.

    Subclasses implement ``plan(table)``, which returns an ``ImportResult`` without
    writing, and ``write(result)``, which writes its new and updated rows.
    """

    columns = ()
    #: What an empty cell sets a field to when the editor asks empty cells to clear fields.
    empty_values = {}

    def __init__(self, *, user=None, clear_empty=False, filename="", progress=None):
        self.user = user
        self.clear_empty = clear_empty
        self.filename = filename
        self.progress = progress
        self.column_map = None

    def report_progress(self, count):
        if self.progress and count % 1000 == 0:
            self.progress(count)

    def new_value(self, row, column_field, missing=None):
        """The value that a row gives a field; ``missing`` when it leaves the field alone."""
        if column_field in row.values:
            return row.values[column_field]
        if self.clear_empty and column_field in row.blank and column_field in self.empty_values:
            return self.empty_values[column_field]
        return missing

    @staticmethod
    def row_error(row, message, column=""):
        row.errors.append(RowError(column, str(message)))
        row.action = RowAction.ERROR

    def plan(self, table):
        raise NotImplementedError

    def write(self, result):
        raise NotImplementedError


class AssociationImport(AssociationWriter, BaseImport):
    """Plans and writes the import of one survey export.

    ``publish`` publishes new and changed associations; otherwise they are saved as
    drafts for review. Changes to an association that has unpublished changes, or that
    is not published, are always saved as a draft, so that an import never publishes
    what an editor has not. ``clear_empty`` makes an empty cell clear the stored value;
    by default an empty cell keeps it.
    """

    columns = ASSOCIATION_COLUMNS
    empty_values = EMPTY_VALUES

    def __init__(self, *, publish=True, field_mapping=None, create_fields=False, **kwargs):
        super().__init__(**kwargs)
        self.publish = publish
        self.field_mapping = field_mapping or {}
        self.create_fields = create_fields

    # Planning

    def plan(self, table):
        """Return the ``ImportResult`` of ``table`` without writing anything."""
        self.column_map = column_map = match_columns(table.headers, self.columns)
        self.vocabulary = Vocabulary(self.field_mapping, create_fields=self.create_fields)
        parser = AssociationRowParser(column_map, self.vocabulary)
        register = AssociationIndex.of_register()
        in_file = AssociationIndex()
        matched = {}
        result = ImportResult(headers=column_map.known_headers)
        result.set_unknown_columns(column_map.unknown)
        for count, (number, cells) in enumerate(table.rows, start=1):
            parsed = parser.parse(number, cells)
            result.rows.append(self.match(parsed, register, in_file, matched))
            self.report_progress(count)
        result.survey_fields = [
            (name, count, self.vocabulary.activity_field(name) is None)
            for name, count in parser.survey_fields.values()
        ]
        self.compare(result.rows)
        return result

    def match(self, parsed, register, in_file, matched):
        """Return the ``RowResult`` of a parsed row: new, an update to be compared, or error."""
        values = parsed.values
        row = RowResult.of(parsed)
        home = values.get("home_municipality")
        keys = (
            values.get("business_id", ""),
            values.get("registration_number", ""),
            name_key(values.get("name"), home.pk if home else None),
        )
        earlier = in_file.find(*keys)
        in_file.add(parsed.number, *keys)
        if earlier is not None:
            self.row_error(
                row, _("The same association is already on row %(row)s.") % {"row": earlier}
            )
            return row
        pk = register.find(*keys)
        if pk is not None:
            if pk in matched:
                self.row_error(
                    row,
                    _("Row %(row)s already updates the same association.") % {"row": matched[pk]},
                )
                return row
            matched[pk] = parsed.number
            row.target = pk
            return row
        if home is None:
            # Unless the cell already has an error (an unknown municipality), say why.
            column = self.column_map.header("home_municipality")
            if not any(error.column == column for error in row.errors):
                self.row_error(row, _("A new association needs a home municipality."), column)
            row.action = RowAction.ERROR
            return row
        if (keys[0] or keys[1]) and register.by_name.get(keys[2]) is not None:
            row.notes.append(
                _(
                    "An association with the same name in the same municipality is already "
                    "in the register with another or no business ID or registration "
                    "number. Check that this is not the same association."
                )
            )
        return row

    def compare(self, rows):
        """Decide whether each matched row updates its association, and how."""
        for row in rows:
            if row.action == RowAction.ERROR:
                row.target = None
            elif row.target is None:
                row.changes = [
                    (STORED_AS.get(name, name), "", display_value(value))
                    for name, value in row.values.items()
                    if value not in ("", [], None)
                ]
        to_compare = [row for row in rows if row.target is not None]
        for chunk in bulk.chunked(to_compare):
            objects = self.load_current(row.target for row in chunk)
            for row in chunk:
                self.compare_row(row, objects[row.target])

    def load_current(self, pks):
        """Return ``{pk: association}`` as editors see them: the latest draft if there is one.

        The municipalities and activity fields are set in memory, as the write step
        needs them for the revisions.
        """
        pks = list(pks)
        objects = {
            obj.pk: obj
            for obj in Association.objects.filter(pk__in=pks).select_related(
                "home_municipality", "locked_by"
            )
        }
        for field_name in RELATION_FIELDS:
            related = self.load_relation(field_name, pks)
            for obj in objects.values():
                getattr(obj, field_name).set(related.get(obj.pk, []))
        drafts = {
            obj.latest_revision_id: obj
            for obj in objects.values()
            if obj.has_unpublished_changes and obj.latest_revision_id
        }
        if drafts:
            for revision_id, content in Revision.objects.filter(pk__in=drafts).values_list(
                "pk", "content"
            ):
                live = drafts[revision_id]
                objects[live.pk] = live.with_content_json(content)
        return objects

    def load_relation(self, field_name, pks):
        """Return ``{association pk: [related objects]}`` of a many-to-many field.

        Read from the table of the relation: prefetching through modelcluster's
        managers costs a queryset per object.
        """
        field = Association._meta.get_field(field_name)
        through, target = field.remote_field.through, field.m2m_reverse_field_name()
        by_pk = self.vocabulary.by_pk[field.related_model]
        related = {}
        rows = through.objects.filter(association_id__in=pks).values_list(
            "association_id", f"{target}_id"
        )
        for association_id, related_id in rows:
            related.setdefault(association_id, []).append(by_pk[related_id])
        return related

    def compare_row(self, row, current):
        values, updates = row.values, {}
        for field_name in SCALAR_FIELDS:
            new = self.new_value(row, field_name)
            if new is not None and not _same_text(getattr(current, field_name), new):
                updates[field_name] = new
        home = values.get("home_municipality")
        if home is not None and home.pk != current.home_municipality_id:
            updates["home_municipality"] = home
        for field_name in RELATION_FIELDS:
            new = self.new_value(row, field_name)
            if new is not None:
                old = {obj.pk for obj in getattr(current, field_name).all()}
                if old != {obj.pk for obj in new}:
                    updates[field_name] = new
        consent = self.new_value(row, "contact_consent")
        if consent is None and current.contact_consent and _PERSON_FIELDS & updates.keys():
            # One person's consent is not another's: a new contact person is published
            # only if the row says so.
            consent = False
        if consent is not None and consent != current.contact_consent:
            updates["contact_consent"] = consent
        answered = self.new_value(row, "answered_at", missing=...)
        old = current.last_verified
        # A later confirmation stays: the answers of an older survey do not undo it.
        if answered is not ... and answered != old:
            if answered is None or old is None or answered > old:
                updates["last_verified"] = answered
        if not updates:
            row.action = RowAction.UNCHANGED
            row.target = None
            row.values = {}
            return
        if current.locked and (self.user is None or current.locked_by_id != self.user.pk):
            self.row_error(
                row,
                _("The association is locked by %(user)s. Unlock it, or remove this row.")
                % {
                    "user": get_user_display_name(current.locked_by)
                    if current.locked_by
                    else _("another user")
                },
            )
            row.target = None
            return
        row.action = RowAction.UPDATE
        row.target = current
        row.values = updates
        row.changes = [
            (name, self.display(current, name), display_value(value))
            for name, value in updates.items()
        ]
        row.publish = self.publish and current.live and not current.has_unpublished_changes
        if self.publish and not row.publish:
            row.notes.append(
                _("Saved as a draft: the association has unpublished changes.")
                if current.has_unpublished_changes
                else _("Saved as a draft: the association is not published.")
            )

    @staticmethod
    def display(obj, field_name):
        if field_name in RELATION_FIELDS:
            return display_value(list(getattr(obj, field_name).all()))
        return display_value(getattr(obj, field_name))


def run_import(importer, table, *, dry_run=False):
    """Plan the import of ``table``; unless ``dry_run``, write it if no row failed.

    Planning and writing happen in one transaction holding the import lock, so the
    plan is made against the register as it is when the rows are written.
    """
    if dry_run:
        return importer.plan(table)
    with transaction.atomic():
        lock_register()
        result = importer.plan(table)
        if not result.errors:
            importer.write(result)
    return result


def import_associations(data, *, dry_run=False, **options):
    """Import the associations of a survey export: the bytes of a CSV or XLSX file.

    ``options`` are those of ``AssociationImport``: ``filename``, ``user``, ``publish``,
    ``clear_empty``, ``progress``, ``field_mapping`` and ``create_fields``. Returns an
    ``ImportResult``; nothing is written when any row has an error or with ``dry_run``.
    Raises ``FileError`` when the file cannot be read at all.
    """
    importer = AssociationImport(**options)
    return run_import(importer, read_table(data), dry_run=dry_run)
