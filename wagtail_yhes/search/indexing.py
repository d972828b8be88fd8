"""Writing the search index: an entry per association, its words, and the version.

Signal handlers keep single associations in step; bulk writers call
``index_associations``. Every write makes the index version larger, in its transaction."""

from collections import Counter

from django.db import connections, router, transaction

from .. import finnish
from ..models import Association, DirectoryEntry, DirectoryWord, EditorSearchEntry
from .documents import Document, Vocabulary, documents
from .version import bump_index_version

# Associations are read and written this many at a time, to keep memory flat at 100,000.
CHUNK_SIZE = 2000

#: Fields of an association that the index is made of; saving only other fields (a
#: new revision, a lock) leaves the index and the cached searches as they are.
INDEXED_FIELDS = frozenset(
    {*Association.PUBLIC_FIELDS, "home_municipality", "municipalities", "activity_fields", "live"}
)


def index_associations(queryset, replace=True):
    """Bring the entries of the associations of ``queryset`` up to date; with
    ``replace=False``, none has one yet (they were just created)."""
    pks = list(queryset.order_by().values_list("pk", flat=True))
    if not pks:
        return
    vocabulary = Vocabulary()
    with transaction.atomic(using=router.db_for_write(DirectoryEntry)):
        for start in range(0, len(pks), CHUNK_SIZE):
            chunk = pks[start : start + CHUNK_SIZE]
            found = documents(Association.objects.filter(pk__in=chunk), published_only=False)
            write_documents(found.values(), vocabulary, removed=chunk if replace else ())
        bump_index_version()


def index_association(association):
    """Write the entries of one association as it is in memory (``Document.of``)."""
    with transaction.atomic(using=router.db_for_write(DirectoryEntry)):
        write_documents([Document.of(association)], Vocabulary(), removed=[association.pk])
        bump_index_version()


def remove_associations(pks):
    """Take the associations ``pks`` out of the index, as when they are deleted."""
    with transaction.atomic(using=router.db_for_write(DirectoryEntry)):
        write_documents([], None, removed=pks)
        bump_index_version()


def write_documents(found, vocabulary, *, removed=()):
    """Write the entries of the ``Document``s ``found``, after removing those of the
    association ids ``removed``."""
    words = Counter()
    if removed:
        gone = DirectoryEntry.objects.filter(pk__in=removed).select_for_update()
        for text in gone.values_list("words", flat=True):
            words.subtract(text.split())
        gone.delete()
        EditorSearchEntry.objects.filter(pk__in=removed).delete()
    entries, editor_entries, areas, fields = [], [], [], []
    for document in found:
        analysed = document.analysed(vocabulary)
        editor_entries.append(EditorSearchEntry(association_id=document.pk, **_parts(analysed)))
        if not document.live:
            continue
        words.update(analysed["words"].split())
        entries.append(
            DirectoryEntry(
                association_id=document.pk,
                sort_name=finnish.sort_key(document.name)[:255],
                last_verified=document.last_verified,
                **analysed,
            )
        )
        areas += [(document.pk, pk) for pk in document.all_municipality_ids()]
        fields += [(document.pk, pk) for pk in document.activity_field_ids]
    DirectoryEntry.objects.bulk_create(entries)
    EditorSearchEntry.objects.bulk_create(editor_entries)
    _relate(DirectoryEntry.municipalities.through, "municipality_id", areas)
    _relate(DirectoryEntry.activity_fields.through, "activityfield_id", fields)
    _count_words(words)


def _parts(analysed):
    return {key: value for key, value in analysed.items() if key != "words"}


def _relate(through, column, pairs):
    through.objects.bulk_create(
        through(directoryentry_id=entry, **{column: value}) for entry, value in pairs
    )


def _count_words(changes):
    """Add ``changes`` (word → how many entries more or fewer) to ``DirectoryWord``."""
    rows = [(word, finnish.fold(word), n) for word, n in sorted(changes.items()) if n]
    if not rows:
        return
    table = DirectoryWord._meta.db_table
    connection = connections[router.db_for_write(DirectoryWord)]
    with connection.cursor() as cursor:
        # Adding to the count is what the ORM cannot say: its upsert replaces values.
        cursor.executemany(
            f"INSERT INTO {table} (word, folded, entries) VALUES (%s, %s, %s) "
            f"ON CONFLICT (word) DO UPDATE SET entries = {table}.entries + excluded.entries",
            rows,
        )
        cursor.execute(f"DELETE FROM {table} WHERE entries <= 0")


def rebuild_index():
    """Build the whole index anew from the associations."""
    with transaction.atomic(using=router.db_for_write(DirectoryEntry)):
        DirectoryEntry.objects.all().delete()
        EditorSearchEntry.objects.all().delete()
        DirectoryWord.objects.all().delete()
        index_associations(Association.objects.all(), replace=False)
        bump_index_version()
