"""An association as the search index takes it: its words analysed, in weighted parts.

Every word is stored folded, with its lemmas and compound parts (``wagtail_yhes.finnish``),
so that the full-text search, which knows no Finnish, only compares words already alike."""

from dataclasses import dataclass, field, fields

from .. import finnish
from ..models import ActivityField, Association, Municipality

# The legal forms of an association and the words they abbreviate, folded.
_LEGAL_FORMS = {"ry": "yhdistys", "rf": "forening"}
# Words shorter than this are not offered as corrections or suggestions.
_MIN_WORD_LENGTH = 3


class Vocabulary:
    """The names of municipalities and activity fields, in Finnish and Swedish, by id;
    ``swedish_names``, by the forms of a Finnish name ("Savonlinnan …" → "Nyslott")."""

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


@dataclass
class Document:
    """What the index is made of for one association."""

    pk: int
    name: str
    abbreviation: str = ""
    description: str = ""
    post_office: str = ""
    last_verified: object = None
    home_municipality_id: int | None = None
    municipality_ids: set = field(default_factory=set)
    activity_field_ids: set = field(default_factory=set)
    live: bool = True

    @classmethod
    def of(cls, association):
        """The document of an association instance as it is in memory.

        Its many-to-many values may not be in the database yet: a clusterable model
        saves them after its ``post_save`` signal, so they are read from the instance.
        """
        document = cls(**{name: getattr(association, name) for name in _COLUMNS})
        # As the database gives it back: a date may have been set as text.
        verified = Association._meta.get_field("last_verified")
        document.last_verified = verified.to_python(document.last_verified)
        document.municipality_ids = {m.pk for m in association.municipalities.all()}
        document.activity_field_ids = {f.pk for f in association.activity_fields.all()}
        return document

    def all_municipality_ids(self):
        """The home municipality and the area of operation together."""
        home = {self.home_municipality_id} - {None}
        return self.municipality_ids | home

    def analysed(self, vocabulary):
        """The entry's fields: the weighted term parts, the keys and the words."""
        name_forms, name_parts = finnish.text_forms(self.name)
        abbreviation = set(finnish.text_forms(self.abbreviation)[0]) | name_parts
        for form in name_forms:
            if form in vocabulary.swedish_names:
                abbreviation |= finnish.text_forms(vocabulary.swedish_names[form])[0]
        places = [vocabulary.municipalities.get(pk, "") for pk in self.all_municipality_ids()]
        places += [vocabulary.activity_fields.get(pk, "") for pk in self.activity_field_ids]
        places.append(self.post_office)
        place_terms = set()
        for text in places:
            place_terms |= set().union(*finnish.text_forms(text))
        text_terms = set().union(*finnish.text_forms(self.description))
        name_words = [finnish.fold(word) for word in finnish.split_words(self.name)]
        for legal_form, meaning in _LEGAL_FORMS.items():
            if legal_form in name_words:
                text_terms |= {legal_form, meaning}
        return {
            "name_key": finnish.name_key(self.name)[:255],
            "abbreviation_key": finnish.name_key(self.abbreviation)[:60],
            "name_terms": _joined(name_forms),
            "abbreviation_terms": _joined(abbreviation - name_forms),
            "place_terms": _joined(place_terms),
            "text_terms": _joined(text_terms),
            "words": " ".join(sorted(self.words(places))),
        }

    def words(self, places=()):
        """The words of the association as written, in lower case: its vocabulary."""
        words = set()
        for text in (self.name, self.abbreviation, self.description, *places):
            words.update(
                word
                for word in finnish.split_words(text)
                if len(word) >= _MIN_WORD_LENGTH and finnish.fold(word) not in finnish.STOP_WORDS
            )
        return words


# The fields of a ``Document`` that an association has as they are.
_COLUMNS = [field.name for field in fields(Document) if not field.name.endswith("_ids")]


def _joined(terms):
    return " ".join(sorted(terms))


def documents(associations, *, published_only=True):
    """Read the ``Document``s of the (published) associations of a queryset, by id."""
    if published_only:
        associations = associations.filter(live=True)
    found = {row["pk"]: Document(**row) for row in associations.values(*_COLUMNS).iterator()}
    if found:
        ids = list(found)
        area = Association.municipalities.through.objects.filter(association_id__in=ids)
        for pk, municipality_id in area.values_list("association_id", "municipality_id"):
            found[pk].municipality_ids.add(municipality_id)
        fields = Association.activity_fields.through.objects.filter(association_id__in=ids)
        for pk, field_id in fields.values_list("association_id", "activityfield_id"):
            found[pk].activity_field_ids.add(field_id)
    return found
