"""Factories for the package's models."""

import factory
from django.utils.text import slugify

from wagtail_yhes.models import ActivityField, Association, Liaison, Municipality


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Kunta {n}")
    code = factory.Sequence(lambda n: f"{900 + n % 100:03d}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ActivityFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityField
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Toimiala {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AssociationFactory(factory.django.DjangoModelFactory):
    """A published association; pass ``live=False`` for a draft."""

    class Meta:
        model = Association
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Yhdistys {n} ry")
    home_municipality = factory.SubFactory(MunicipalityFactory)
    live = True

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)
            self.save()

    @factory.post_generation
    def activity_fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.activity_fields.set(extracted)
            self.save()


class LiaisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Liaison

    name = factory.Sequence(lambda n: f"Yhdyshenkilö {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    email = factory.Sequence(lambda n: f"yhdyshenkilo{n}@kunta.fi")
