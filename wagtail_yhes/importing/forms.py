"""Forms of the admin's import: choosing a file, and confirming its preview."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..models import ImportBatch

ACCEPTED_FILES = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values"


class ImportUploadForm(forms.Form):
    """The file to import, what it contains, and how empty cells are treated."""

    kind = forms.ChoiceField(
        label=_("The file contains"),
        choices=ImportBatch.Kind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "The survey export as an Excel workbook (.xlsx) or a CSV file. The first row "
            "must contain the column headings."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    clear_empty = forms.BooleanField(
        label=_("Empty cells clear fields"),
        required=False,
        help_text=_(
            "Without this, an empty cell keeps what the register already has. With it, "
            "an empty cell removes the stored value."
        ),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        field.choices = [(value, label) for value, label in field.choices if value in kinds]
        # Survey answers, the usual file, are chosen unless the editor chooses otherwise.
        if field.choices:
            field.initial = field.choices[0][0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = get_setting("IMPORT_MAX_FILE_SIZE")
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s. Files of at most %(limit)s can be imported.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        return upload


class ImportConfirmForm(forms.Form):
    """Whether the imported associations are published or saved as drafts for review."""

    PUBLISH = "publish"
    DRAFT = "draft"

    mode = forms.ChoiceField(
        label=_("Imported associations are"),
        choices=[
            (PUBLISH, _("published at once")),
            (DRAFT, _("saved as drafts for review")),
        ],
        initial=PUBLISH,
        widget=forms.RadioSelect,
        help_text=_(
            "Drafts do not go to the moderation workflow: find them in the associations "
            'listing by the status "Unpublished changes", and publish them there.'
        ),
    )

    def __init__(self, *args, can_publish=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            field = self.fields["mode"]
            field.choices = [(self.DRAFT, _("saved as drafts for review"))]
            field.initial = self.DRAFT
            field.help_text = format_lazy(
                "{} {}",
                _("You do not have permission to publish associations."),
                field.help_text,
            )

    @property
    def publish(self):
        return self.cleaned_data["mode"] == self.PUBLISH
