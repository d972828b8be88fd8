"""Writing the directory index: one entry per published association, and its terms.

Every word of an association's name, abbreviation, municipalities, activity fields and
description is stored folded, with its lemma and compound parts (``wagtail_yhes.finnish``),
and weighted by where it stands. Drafts, unpublished and deleted associations have no
entry. Signal handlers keep single associations in step; bulk writers call
``reindex_associations``.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connections, router, transaction

from .. import finnish
from ..directory.results import PUBLIC_FIELDS, details_text
from ..models import ActivityField, Association, Municipality
from ..models.directory_index import (
    DirectoryBitmap,
    DirectoryEntry,
    DirectoryEntryDetails,
    DirectoryFacetTotal,
    DirectoryTerm,
    DirectoryTermVersion,
    facets_text,
)
from . import bitmaps
from .cache import bump_version, new_version
from .sql import insert_rows

# How strongly a word matches, by where it stands. A word matched in full counts twice
# its weight, a word matched by its beginning once. Name words outweigh everything
# else, so that associations whose name matches the search come first; an abbreviation
# such as "MLL Savonlinna", which many branches share, a little less than the name.
NAME = 64
ABBREVIATION = 48
NAME_PART = 24
HOME_MUNICIPALITY = 16
ACTIVITY_FIELD = 12
AREA_MUNICIPALITY = 8
ACTIVITY_FIELD_PART = 6
TEXT = 4
TEXT_PART = 2

# Associations are read and written this many at a time, to keep memory flat at 100,000.
CHUNK_SIZE = 2000
#: Up to this many associations written at once, their bitmaps are always changed
#: entry by entry; beyond, and beyond a tenth of the index, every bitmap is built anew
#: (``_builds_bitmaps_anew``).
BITMAP_CHANGES_LIMIT = 200
# SQLite allows 999 parameters in a statement unless it was built otherwise.
_DELETE_BATCH_SIZE = 500

#: Fields of an association that the directory lists or finds it by; saving only other
#: fields (a new revision, a lock) leaves the index and the cached searches as they are.
DIRECTORY_FIELDS = frozenset(
    {
        "name",
        "abbreviation",
        "slug",
        "description",
        "email",
        "phone",
        "website",
        "street_address",
        "postal_code",
        "post_office",
        "home_municipality",
        "municipalities",
        "activity_fields",
        "last_verified",
        "live",
    }
)


@dataclass
class Document:
    """What the index is made of for one association, read from the database or a form."""

    pk: int
    name: str
    abbreviation: str = ""
    description: str = ""
    post_office: str = ""
    last_verified: object = None
    home_municipality_id: int | None = None
    municipality_ids: set = field(default_factory=set)
    activity_field_ids: set = field(default_factory=set)
    #: The values of ``PUBLIC_FIELDS``, which the entry keeps to show the association.
    public: dict = field(default_factory=dict)


class Vocabulary:
    """The names of municipalities and activity fields, in Finnish and Swedish, by id.

    ``swedish_names`` gives the Swedish name of a municipality by the forms of its
    Finnish name, with which an association's name may begin ("Savonlinnan …").
    """

    def __init__(self):
        self.municipalities = {}
        self.swedish_names = {}
        for pk, name, name_sv in Municipality.objects.values_list("pk", "name", "name_sv"):
            self.municipalities[pk] = f"{name} {name_sv}"
            if name_sv:
                for form in finnish.text_forms(name)[0]:
                    self.swedish_names[form] = name_sv
        self.activity_fields = {
            pk: f"{name} {name_sv}"
            for pk, name, name_sv in ActivityField.objects.values_list("pk", "name", "name_sv")
        }


def _add_words(terms, text, weight, part_weight):
    forms, parts = finnish.text_forms(text)
    for term in forms:
        if terms.get(term, 0) < weight:
            terms[term] = weight
    for term in parts:
        if terms.get(term, 0) < part_weight:
            terms[term] = part_weight


def document_terms(document, vocabulary):
    """Return ``{term: weight}`` for a ``Document``."""
    terms = {}
    _add_words(terms, document.name, NAME, NAME_PART)
    _add_words(terms, document.abbreviation, ABBREVIATION, NAME_PART)
    # A name with a municipality in it ("Savonlinnan Eläkeläiset") is found, and ranks
    # as a part of the name, by the municipality's Swedish name too ("Nyslott").
    for term in list(terms):
        if term in vocabulary.swedish_names:
            _add_words(terms, vocabulary.swedish_names[term], NAME_PART, NAME_PART)
    home = document.home_municipality_id
    if home in vocabulary.municipalities:
        _add_words(terms, vocabulary.municipalities[home], HOME_MUNICIPALITY, HOME_MUNICIPALITY)
    for pk in document.municipality_ids:
        if pk != home and pk in vocabulary.municipalities:
            _add_words(terms, vocabulary.municipalities[pk], AREA_MUNICIPALITY, AREA_MUNICIPALITY)
    for pk in document.activity_field_ids:
        if pk in vocabulary.activity_fields:
            _add_words(terms, vocabulary.activity_fields[pk], ACTIVITY_FIELD, ACTIVITY_FIELD_PART)
    _add_words(terms, document.description, TEXT, TEXT_PART)
    _add_words(terms, document.post_office, TEXT, TEXT_PART)
    return terms


def _documents(associations):
    """Read ``Document``s of the published associations in ``associations`` (a queryset)."""
    columns = (
        "pk",
        "name",
        "abbreviation",
        "description",
        "post_office",
        "last_verified",
        "home_municipality_id",
    )
    rows = associations.filter(live=True).values_list(*columns, *PUBLIC_FIELDS)
    documents = {
        row[0]: Document(
            *row[: len(columns)], public=dict(zip(PUBLIC_FIELDS, row[len(columns) :], strict=True))
        )
        for row in rows
    }
    if not documents:
        return []
    area = Association.municipalities.through.objects.filter(association_id__in=list(documents))
    for association_id, municipality_id in area.values_list("association_id", "municipality_id"):
        documents[association_id].municipality_ids.add(municipality_id)
    fields = Association.activity_fields.through.objects.filter(association_id__in=list(documents))
    for association_id, field_id in fields.values_list("association_id", "activityfield_id"):
        documents[association_id].activity_field_ids.add(field_id)
    return list(documents.values())


def document_for(association):
    """Return the ``Document`` of an association instance as it is in memory.

    Its many-to-many values may not be in the database yet: a clusterable model saves
    them after its ``post_save`` signal, so they are read from the instance.
    """
    # The values as the database gives them back: a date may have been set as text.
    public = {
        name: Association._meta.get_field(name).to_python(getattr(association, name))
        for name in PUBLIC_FIELDS
    }
    return Document(
        pk=association.pk,
        name=association.name,
        abbreviation=association.abbreviation,
        description=association.description,
        post_office=association.post_office,
        last_verified=public["last_verified"],
        home_municipality_id=association.home_municipality_id,
        municipality_ids={m.pk for m in association.municipalities.all()},
        activity_field_ids={f.pk for f in association.activity_fields.all()},
        public=public,
    )


def _entry_rows(documents, vocabulary, version, numbered=None):
    """The rows to insert for ``documents``, written at index ``version``.

    ``numbered`` is ``{pk: (ordinal, sort_name)}`` of the entries as they were: an entry
    whose name still sorts the same keeps its number; others are numbered afterwards
    (``bitmaps.number_entries``). Returns the rows of entries, terms, municipalities,
    fields and details.
    """
    numbered = numbered or {}
    entries, terms, areas, fields, details = [], [], [], [], []
    for document in documents:
        pk = document.pk
        municipality_ids = set(document.municipality_ids)
        if document.home_municipality_id is not None:
            municipality_ids.add(document.home_municipality_id)
        sort_name = finnish.sort_key(document.name)[:255]
        ordinal, old_sort_name = numbered.get(pk, (None, None))
        entries.append(
            (
                pk,
                sort_name,
                finnish.name_key(document.name)[:255],
                finnish.name_key(document.abbreviation)[:60],
                document.last_verified,
                version,
                facets_text(municipality_ids, document.activity_field_ids),
                ordinal if sort_name == old_sort_name else None,
            )
        )
        if document.public:
            details.append((pk, _details(document)))
        terms.extend(
            (pk, term, weight) for term, weight in document_terms(document, vocabulary).items()
        )
        areas.extend((pk, municipality_id) for municipality_id in municipality_ids)
        fields.extend((pk, field_id) for field_id in document.activity_field_ids)
    return entries, terms, areas, fields, details


def _details(document):
    """The text of the entry's ``DirectoryEntryDetails``."""
    return details_text(
        document.public,
        home_municipality_id=document.home_municipality_id,
        municipality_ids=document.municipality_ids,
        activity_field_ids=document.activity_field_ids,
    )


def _tables():
    """(model, columns) of the index tables, in the order their rows are inserted."""
    area_through = DirectoryEntry.municipalities.through
    field_through = DirectoryEntry.activity_fields.through
    return [
        (
            DirectoryEntry,
            [
                "association_id",
                "sort_name",
                "name_key",
                "abbreviation_key",
                "last_verified",
                "version",
                "facets",
                "ordinal",
            ],
        ),
        (DirectoryTerm, ["entry_id", "term", "weight"]),
        (area_through, ["directoryentry_id", "municipality_id"]),
        (field_through, ["directoryentry_id", "activityfield_id"]),
        (DirectoryEntryDetails, ["entry_id", "text"]),
    ]


def _day(last_verified):
    return last_verified.toordinal() if last_verified else 0


def _facet_values(pks):
    """How many of the entries ``pks`` have each filter value, as they are in the index."""
    found = Counter()
    areas = DirectoryEntry.municipalities.through.objects
    fields = DirectoryEntry.activity_fields.through.objects
    for start in range(0, len(pks), _DELETE_BATCH_SIZE):
        batch = pks[start : start + _DELETE_BATCH_SIZE]
        area_ids = areas.filter(directoryentry_id__in=batch).values_list("municipality_id")
        field_ids = fields.filter(directoryentry_id__in=batch).values_list("activityfield_id")
        days = DirectoryEntry.objects.filter(pk__in=batch).values_list("last_verified")
        found.update((DirectoryFacetTotal.MUNICIPALITY, pk) for (pk,) in area_ids)
        found.update((DirectoryFacetTotal.ACTIVITY_FIELD, pk) for (pk,) in field_ids)
        found.update((DirectoryFacetTotal.LAST_VERIFIED, _day(day)) for (day,) in days)
    return found


def _term_beginnings(pks):
    """The beginnings of the terms that the entries ``pks`` have in the index."""
    connection = connections[router.db_for_read(DirectoryTerm)]
    q = connection.ops.quote_name
    table, entry = q(DirectoryTerm._meta.db_table), q("entry_id")
    beginnings = set()
    with connection.cursor() as cursor:
        for start in range(0, len(pks), _DELETE_BATCH_SIZE):
            batch = pks[start : start + _DELETE_BATCH_SIZE]
            cursor.execute(
                f"SELECT DISTINCT SUBSTR(term, 1, {DirectoryTermVersion.LENGTH}) "
                f"FROM {table} WHERE {entry} IN ({', '.join(['%s'] * len(batch))})",
                batch,
            )
            beginnings.update(row[0] for row in cursor.fetchall())
    return beginnings


def _what_entries_had(pks, *, with_bitmaps):
    """What the entries ``pks`` have in the index, before they are written anew.

    Returns ``(filter values, term beginnings, {pk: (ordinal, sort_name, bitmap keys)})``:
    what the totals, the cached searches' versions and the bitmaps take away. Without
    ``with_bitmaps`` (a bulk write, after which the bitmaps are built anew) only the
    totals' values and the beginnings are read, not every term; with it, one read of
    the entries' rows gives all three.
    """
    if not with_bitmaps:
        return _facet_values(pks), _term_beginnings(pks), {}
    values, beginnings, before = Counter(), set(), {}
    for pk, entry in bitmaps.indexed_entries(pks).items():
        values.update((DirectoryFacetTotal.MUNICIPALITY, m) for m in entry.municipality_ids)
        values.update((DirectoryFacetTotal.ACTIVITY_FIELD, f) for f in entry.activity_field_ids)
        values[DirectoryFacetTotal.LAST_VERIFIED, _day(entry.last_verified)] += 1
        beginnings.update(term[: DirectoryTermVersion.LENGTH] for term, _weight in entry.terms)
        before[pk] = (entry.ordinal, entry.sort_name, entry.keys())
    return values, beginnings, before


def _row_facet_values(entries, areas, fields):
    """How many of the rows about to be inserted have each filter value."""
    found = Counter()
    found.update((DirectoryFacetTotal.MUNICIPALITY, row[1]) for row in areas)
    found.update((DirectoryFacetTotal.ACTIVITY_FIELD, row[1]) for row in fields)
    # The entry's last confirmed date is its fifth column (``_tables()``).
    found.update((DirectoryFacetTotal.LAST_VERIFIED, _day(row[4])) for row in entries)
    return found


def _add_to_totals(changes):
    """Add ``changes`` (``{(facet, value): n}``, n negative to take away) to the totals."""
    rows = sorted((facet, value, n) for (facet, value), n in changes.items() if n)
    if not rows:
        return
    connection = connections[router.db_for_write(DirectoryFacetTotal)]
    table = connection.ops.quote_name(DirectoryFacetTotal._meta.db_table)
    with connection.cursor() as cursor:
        # Rows in one order, so that concurrent writers lock them in the same order.
        cursor.executemany(
            f"INSERT INTO {table} (facet, value, entries) VALUES (%s, %s, %s) "
            "ON CONFLICT (facet, value) "
            f"DO UPDATE SET entries = {table}.entries + excluded.entries",
            rows,
        )
        if any(n < 0 for _facet, _value, n in rows):
            cursor.execute(f"DELETE FROM {table} WHERE entries <= 0")


def forget_filter_value(facet, value):
    """Remove the total and bitmap of a deleted municipality (or field), whose id may come again.

    Its associations have lost it already, with the rows that tied them to it.
    """
    DirectoryFacetTotal.objects.filter(facet=facet, value=value).delete()
    kind = (
        DirectoryBitmap.MUNICIPALITY
        if facet == DirectoryFacetTotal.MUNICIPALITY
        else DirectoryBitmap.ACTIVITY_FIELD
    )
    DirectoryBitmap.objects.filter(kind=kind, key=str(value)).delete()


def _delete(pks=None):
    """Delete the entries of ``pks`` (association ids), or every entry, with their rows.

    Returns the number of entries deleted. The filter totals are the caller's to keep,
    except that deleting every entry empties them.
    """
    if pks is None:
        DirectoryFacetTotal.objects.all().delete()
    deleted = 0
    for model, columns in reversed(_tables()):
        connection = connections[router.db_for_write(model)]
        table = connection.ops.quote_name(model._meta.db_table)
        # Rows that point at an entry go first, then the entries: one statement a table,
        # where ``QuerySet.delete()`` would read every entry to cascade by hand.
        with connection.cursor() as cursor:
            if pks is None:
                cursor.execute(f"DELETE FROM {table}")
                deleted = cursor.rowcount
                continue
            column = connection.ops.quote_name(columns[0])
            deleted = 0
            for start in range(0, len(pks), _DELETE_BATCH_SIZE):
                batch = pks[start : start + _DELETE_BATCH_SIZE]
                placeholders = ", ".join(["%s"] * len(batch))
                cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({placeholders})", batch)
                deleted += cursor.rowcount
    # The entry table is the last one deleted from.
    return deleted


def write_entries(documents, remove_pks=(), vocabulary=None, replace=True):
    """Replace the entries of ``documents`` and remove those of ``remove_pks``.

    With ``replace=False`` the old entries are known to be gone already, and the caller
    marks their removal for the cached searches (``rebuild_index`` replaces every version).
    """
    pks = [document.pk for document in documents] + list(remove_pks)
    with transaction.atomic():
        bitmaps.lock_for_writing()
        totals = Counter()
        # The searches that could find these entries, before or after: those with a word
        # that begins a term they had or have.
        beginnings = set()
        removed = 0
        keep_bitmaps = not bitmaps.is_deferred()
        before = {}
        if pks and replace:
            had, beginnings, before = _what_entries_had(pks, with_bitmaps=keep_bitmaps)
            totals.subtract(had)
            removed = _delete(pks)
        if not documents and not removed:
            return
        version = new_version()
        numbered = {pk: (ordinal, sort_name) for pk, (ordinal, sort_name, _keys) in before.items()}
        rows = _entry_rows(documents, vocabulary or Vocabulary(), version, numbered)
        for (model, columns), table_rows in zip(_tables(), rows, strict=True):
            insert_rows(model, columns, table_rows)
        entries, terms, areas, fields = rows[:4]
        if keep_bitmaps:
            _change_bitmaps(before, entries, terms, areas, fields)
        totals.update(_row_facet_values(entries, areas, fields))
        _add_to_totals(totals)
        beginnings.update(term[: DirectoryTermVersion.LENGTH] for _pk, term, _weight in terms)
        bump_version(version, beginnings=beginnings)


def _change_bitmaps(before, entries, terms, areas, fields):
    """Move the written entries in the bitmaps from what they had (``before``) to their rows."""
    unnumbered = [row[0] for row in entries if row[7] is None]
    numbered = bitmaps.number_entries(unnumbered) if unnumbered else {}
    if numbered is None:
        # A gap between neighbours is full: every entry is numbered anew.
        bitmaps.rebuild()
        return
    values = {row[0]: ([], set(), set()) for row in entries}
    for pk, term, weight in terms:
        values[pk][0].append((term, weight))
    for pk, municipality in areas:
        values[pk][1].add(municipality)
    for pk, activity_field in fields:
        values[pk][2].add(activity_field)
    after = {}
    for pk, _sort_name, name_key, abbreviation_key, last_verified, _v, _f, ordinal in entries:
        keys = bitmaps.entry_keys(name_key, abbreviation_key, last_verified, *values[pk])
        after[pk] = (numbered.get(pk, ordinal), keys)
    bitmaps.apply_changes(
        {pk: (ordinal, keys) for pk, (ordinal, _name, keys) in before.items() if ordinal},
        after,
    )


def index_association(association):
    """Bring the entry of one association instance up to date (or remove it)."""
    if association.live:
        write_entries([document_for(association)])
    else:
        write_entries([], remove_pks=[association.pk])


def index_associations(queryset, replace=True):
    """Bring the entries of the associations in ``queryset`` up to date, in chunks.

    ``replace=False`` skips deleting the old entries, when the caller has done so. Many
    associations are written in one transaction, with the bitmaps built anew at its end.
    """
    pks = list(queryset.order_by().values_list("pk", flat=True))
    if not bitmaps.is_deferred() and _builds_bitmaps_anew(len(pks)):
        with transaction.atomic(), bitmaps.deferred():
            _index_chunks(pks, replace)
    else:
        _index_chunks(pks, replace)


def _builds_bitmaps_anew(count):
    """Whether writing ``count`` associations builds every bitmap anew, not changes them.

    Building takes time by the size of the index, changing by the associations written:
    at 100,000 entries, building every bitmap took about as long as changing them for
    a tenth of the entries.
    """
    return count > BITMAP_CHANGES_LIMIT and count * 10 > DirectoryEntry.objects.count()


def _index_chunks(pks, replace):
    vocabulary = Vocabulary() if pks else None
    for start in range(0, len(pks), CHUNK_SIZE):
        chunk = pks[start : start + CHUNK_SIZE]
        documents = _documents(Association.objects.filter(pk__in=chunk))
        live = {document.pk for document in documents}
        if replace:
            write_entries(documents, [pk for pk in chunk if pk not in live], vocabulary)
        else:
            write_entries(documents, vocabulary=vocabulary, replace=False)


def rebuild_index():
    """Build the directory index anew from every association.

    The term table's indexes are dropped while it is filled and made again at the end,
    which at 100,000 associations is much faster than keeping them up to date row by
    row. The whole rebuild is one transaction; on PostgreSQL searches wait for it.
    """
    connection = connections[router.db_for_write(DirectoryTerm)]
    # A schema editor outside its context only writes SQL: SQLite refuses to enter one
    # inside a transaction, and the rebuild must be one.
    editor = connection.SchemaEditorClass(connection)
    indexes = DirectoryTerm._meta.indexes
    # The bitmaps are built at the end, from the term table with its indexes made again.
    with transaction.atomic(using=connection.alias), bitmaps.deferred():
        bitmaps.lock_for_writing()
        with connection.cursor() as cursor:
            for index in indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")
        _delete()
        index_associations(Association.objects.filter(live=True), replace=False)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL makes no index on a table with foreign key checks pending
                # (Django defers them to the commit): run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for index in indexes:
                cursor.execute(str(index.create_sql(DirectoryTerm, editor)))
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                # Fresh statistics, so that the planner reads the new index by it.
                for model, _columns in _tables():
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        bump_version()
