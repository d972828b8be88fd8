"""Keeping the directory index in step with single changes made through the ORM."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import published, unpublished

from .. import finnish
from ..models import ActivityField, Association, DirectoryEntry, Municipality
from .indexing import INDEXED_FIELDS, index_association, index_associations, remove_associations
from .version import bump_index_version


def association_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Saving a revision or a lock writes only bookkeeping fields: nothing indexed changed.
    if raw or (update_fields and not INDEXED_FIELDS.intersection(update_fields)):
        return
    index_association(instance)


def association_deleting(sender, instance, **kwargs):
    # In the transaction of the delete, before it cascades to the entries.
    remove_associations([instance.pk])


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
        named = Q()
        for form in finnish.text_forms(instance.name)[0]:
            named |= Q(name_terms__contains=form)
        related = (
            Q(home_municipality=instance)
            | Q(municipalities=instance)
            | Q(pk__in=DirectoryEntry.objects.filter(named).values("pk"))
        )
    else:
        related = Q(activity_fields=instance)
    return Association.objects.filter(related).distinct()


def vocabulary_changed(sender, instance, raw=False, **kwargs):
    """A renamed municipality or activity field changes the words its associations have."""
    if not raw:
        index_associations(_associations_of(instance))
    # The directory's lists of municipalities and fields change, even in a fixture.
    bump_index_version()


def vocabulary_deleting(sender, instance, **kwargs):
    # After the delete the associations can no longer be found through the relation.
    instance.yhes_association_pks = list(_associations_of(instance).values_list("pk", flat=True))


def vocabulary_deleted(sender, instance, **kwargs):
    pks = getattr(instance, "yhes_association_pks", None)
    if pks:
        index_associations(Association.objects.filter(pk__in=pks))
    bump_index_version()


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
