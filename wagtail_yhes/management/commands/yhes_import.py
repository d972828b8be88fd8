from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...importing import FileError, import_associations, import_liaisons
from ...importing.rows import UNKNOWN_ACTIVITY_FIELD
from ...importing.vocabulary import LEAVE_OUT, Vocabulary

#: Unknown columns named in the output; the rest are counted.
SHOWN_UNKNOWN_COLUMNS = 20


class Command(BaseCommand):
    help = (
        "Import associations from a survey export (CSV or XLSX), or liaisons with "
        "--liaisons. Nothing is written if any row has an error. Prints "
        '"created N, updated M, unchanged K, errors E" (and ", warnings W").'
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would change, without writing anything.",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save new and changed associations as drafts for review instead of "
            "publishing them.",
        )
        parser.add_argument(
            "--clear-empty",
            action="store_true",
            help="Let empty cells clear the stored values (by default they keep them).",
        )
        parser.add_argument(
            "--liaisons",
            action="store_true",
            help="The file is a sheet of liaisons (Kunta, Nimi, Tehtävä, Sähköposti, Puhelin).",
        )
        parser.add_argument(
            "--map-field",
            action="append",
            default=[],
            metavar="SURVEY VALUE=FIELD NAME",
            help="File an activity field that the survey writes in its own wording under "
            'an existing field; repeatable. "SURVEY VALUE=" (no field) leaves it out, with '
            "a warning on each row.",
        )
        parser.add_argument(
            "--create-fields",
            action="store_true",
            help="Create the activity fields that the file names and the site lacks.",
        )

    def handle(self, *args, file, dry_run, draft, clear_empty, liaisons, verbosity, **options):
        path = Path(file)
        if liaisons and (draft or options["map_field"] or options["create_fields"]):
            raise CommandError(
                "--draft, --map-field and --create-fields apply to associations only."
            )
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from None
        kwargs = {"filename": path.name, "clear_empty": clear_empty, "dry_run": dry_run}
        if verbosity >= 2:
            kwargs["progress"] = lambda count: self.stderr.write(f"{count} rows checked")
        try:
            if liaisons:
                result = import_liaisons(data, **kwargs)
            else:
                result = import_associations(
                    data,
                    publish=not draft,
                    field_mapping=parse_field_mapping(options["map_field"]),
                    create_fields=options["create_fields"],
                    **kwargs,
                )
        except FileError as error:
            raise CommandError(f"{path}: {error.message}") from None
        self.report(result, verbosity)
        self.stdout.write(result.summary())
        if result.errors:
            raise CommandError(
                ngettext(
                    "%(count)s row has errors: nothing was written.",
                    "%(count)s rows have errors: nothing was written.",
                    result.errors,
                )
                % {"count": result.errors}
            )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was written."))

    def report(self, result, verbosity):
        """Write the skipped columns, the errors and the warnings, row by row."""
        for column in result.unknown_columns[:SHOWN_UNKNOWN_COLUMNS]:
            self.stderr.write(self.style.WARNING(_('Unknown column skipped: "%s"') % column))
        more = result.unknown_column_count - min(len(result.unknown_columns), SHOWN_UNKNOWN_COLUMNS)
        if more > 0:
            self.stderr.write(
                self.style.WARNING(
                    ngettext(
                        "… and %(count)s other unknown column skipped.",
                        "… and %(count)s other unknown columns skipped.",
                        more,
                    )
                    % {"count": more}
                )
            )
        for row in result.error_rows:
            for error in row.errors:
                if error.code != UNKNOWN_ACTIVITY_FIELD:
                    self.stderr.write(where(row.number, error.column) + error.message)
        self.report_unknown_fields(result.unresolved_fields)
        for row in result.rows:
            for warning in row.warnings:
                self.stderr.write(
                    where(row.number, warning.column)
                    + _('%(message)s Value in the file: "%(value)s"')
                    % {"message": warning.message, "value": warning.value}
                )
            if verbosity >= 2:
                for note in row.notes:
                    self.stdout.write(where(row.number) + str(note))

    def report_unknown_fields(self, unresolved):
        """Name each unknown activity-field value once, with the options that resolve it."""
        if not unresolved:
            return
        self.stderr.write(_("The site has no activity field of these values of the file:"))
        for name, count in unresolved:
            self.stderr.write(
                ngettext('  "%(value)s" (%(count)s row)', '  "%(value)s" (%(count)s rows)', count)
                % {"value": name, "count": count}
            )
        self.stderr.write(
            _(
                'File each under an existing field with --map-field "VALUE=FIELD NAME", '
                'leave it out with --map-field "VALUE=", or create the fields with '
                "--create-fields."
            )
        )


def where(number, column=""):
    """The beginning of a line about row ``number`` (and ``column``) of the file."""
    if column:
        return _('row %(row)s, column "%(column)s": ') % {"row": number, "column": column}
    return _("row %(row)s: ") % {"row": number}


def parse_field_mapping(options):
    """``{survey value: activity field or LEAVE_OUT}`` of the ``--map-field`` options."""
    vocabulary = Vocabulary()
    mapping = {}
    for option in options:
        value, separator, field_name = option.rpartition("=")
        value, field_name = value.strip(), field_name.strip()
        if not separator or not value:
            raise CommandError(
                _('Write --map-field as "SURVEY VALUE=FIELD NAME", not "%(option)s".')
                % {"option": option}
            )
        if not field_name:
            mapping[value] = LEAVE_OUT
            continue
        activity_field = vocabulary.activity_field(field_name, create=False)
        if activity_field is None:
            names = ", ".join(f'"{f.name}"' for f in vocabulary.activity_fields)
            raise CommandError(
                _('The site has no activity field "%(field)s". Its fields are: %(names)s.')
                % {"field": field_name, "names": names}
            )
        mapping[value] = activity_field
    return mapping
