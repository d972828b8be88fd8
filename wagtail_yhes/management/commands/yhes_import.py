from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...importing import FileError, import_associations, import_liaisons


class Command(BaseCommand):
    help = (
        "Import associations from a survey export (CSV or XLSX), or liaisons with "
        "--liaisons. Nothing is written if any row has an error. Prints "
        '"created N, updated M, unchanged K, errors E".'
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

    def handle(self, *args, file, dry_run, draft, clear_empty, liaisons, verbosity, **options):
        path = Path(file)
        if liaisons and draft:
            raise CommandError("--draft applies to associations only: liaisons have no drafts.")
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
                result = import_associations(data, publish=not draft, **kwargs)
        except FileError as error:
            raise CommandError(f"{path}: {error.message}") from None
        for column in result.unknown_columns:
            self.stderr.write(self.style.WARNING(f'Unknown column skipped: "{column}"'))
        for row in result.error_rows:
            for error in row.errors:
                where = f"row {row.number}"
                if error.column:
                    where += f", column {error.column}"
                self.stderr.write(f"{where}: {error.message}")
        if verbosity >= 2:
            for row in result.rows:
                for note in row.notes:
                    self.stdout.write(f"row {row.number}: {note}")
        self.stdout.write(result.summary())
        if result.errors:
            raise CommandError(f"{result.errors} row(s) have errors: nothing was written.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
