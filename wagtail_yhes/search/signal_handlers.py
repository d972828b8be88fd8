"""Keeping the directory index in step with single changes made through the ORM."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import published, unpublished

from .. import finnish
from ..models import (
    ActivityField,
    Association,
    DirectoryFacetTotal,
    DirectoryTerm,
    Municipality,
)
from .cache import VOCABULARY, bump_version
from .indexing import (
    DIRECTORY_FIELDS,
    NAME_PART,
    forget_filter_value,
    index_association,
    index_associations,
    write_entries,
)


def association_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Saving a revision or a lock writes only bookkeeping fields: nothing public changed.
    if raw or (update_fields and not DIRECTORY_FIELDS.intersection(update_fields)):
        return
    index_association(instance)


def association_deleting(sender, instance, **kwargs):
    # Removed before the delete cascades to the entry, so that the filter totals lose
    # what the entry had; all in the transaction of the delete.
    write_entries([], remove_pks=[instance.pk])


def association_published(sender, instance, bulk=False, **kwargs):
    # A bulk write (the import) indexes all its associations at once after the signals.
    if bulk:
        return
    # Publishing saves the association before its many-to-many values; the signal comes
    # after both, so the entry is made again from the database.
    index_associations(Association.objects.filter(pk=instance.pk))


def _associations_of(instance):
    if isinstance(instance, Municipality):
        # Those filed under it, and those named with it, which have its Swedish name too.
        named = DirectoryTerm.objects.filter(
            term__in=finnish.text_forms(instance.name)[0], weight__gte=NAME_PART
        )
        related = (
            Q(home_municipality=instance)
            | Q(municipalities=instance)
            | Q(pk__in=named.values("entry_id"))
        )
    else:
        related = Q(activity_fields=instance)
    return Association.objects.filter(related, live=True).distinct()


def vocabulary_changed(sender, instance, raw=False, **kwargs):
    """A renamed municipality or activity field changes the words its associations have."""
    # The directory's lists of municipalities and fields change, even in a fixture.
    bump_version(kind=VOCABULARY)
    if not raw:
        index_associations(_associations_of(instance))
        bump_version()


def vocabulary_deleting(sender, instance, **kwargs):
    # After the delete the associations can no longer be found through the relation.
    instance._yhes_association_pks = list(_associations_of(instance).values_list("pk", flat=True))


def vocabulary_deleted(sender, instance, **kwargs):
    pks = getattr(instance, "_yhes_association_pks", None)
    if pks:
        index_associations(Association.objects.filter(pk__in=pks))
    facet = (
        DirectoryFacetTotal.MUNICIPALITY
        if isinstance(instance, Municipality)
        else DirectoryFacetTotal.ACTIVITY_FIELD
    )
    forget_filter_value(facet, instance.pk)
    bump_version()
    bump_version(kind=VOCABULARY)


def register_signal_handlers():
    """Connect the handlers; called once from the app's ``ready()``."""
    uid = "wagtail_yhes.directory_index"
    post_save.connect(association_saved, sender=Association, dispatch_uid=uid)
    pre_delete.connect(association_deleting, sender=Association, dispatch_uid=uid)
    published.connect(association_published, sender=Association, dispatch_uid=uid)
    unpublished.connect(association_published, sender=Association, dispatch_uid=uid)
    for model in (Municipality, ActivityField):
        post_save.connect(vocabulary_changed, sender=model, dispatch_uid=uid)
        pre_delete.connect(vocabulary_deleting, sender=model, dispatch_uid=uid)
        post_delete.connect(vocabulary_deleted, sender=model, dispatch_uid=uid)
