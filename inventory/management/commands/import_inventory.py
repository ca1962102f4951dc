"""``manage.py import_inventory FILE [FILE ...]``: load inventory items and GFMD
recommendations from CSV or JSON files.

Each file is checked completely before anything is written; a file with problems is
reported row by row and the command exits non-zero with nothing written (all files are
imported in one transaction, so a bad second file also rolls back the first).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from inventory.services import ImportRejected, inventory_import


class Command(BaseCommand):
    help = "Import inventory items and GFMD recommendations from CSV or JSON files."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="CSV or JSON files")
        parser.add_argument(
            "--format",
            choices=["csv", "json"],
            help="Force the format (by default it is read from the file's content).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(self, *args, files: list[Path], **options) -> None:
        show = not options["no_progress"] and options["verbosity"] > 0

        def progress(iterable, total, desc):
            return tqdm(
                iterable,
                total=total,
                desc=str(desc),
                unit="row",
                disable=not show or total < 200,
                file=self.stderr._out,
            )

        try:
            with transaction.atomic():
                for path in files:
                    try:
                        with path.open("rb") as fileobj:
                            result = inventory_import(
                                fileobj=fileobj, fmt=options["format"], progress=progress
                            )
                    except ImportRejected as exc:
                        for issue in exc.issues:
                            self.stderr.write(f"{path}: {issue}")
                        raise CommandError(
                            f"{path}: {len(exc.issues)} problem(s); nothing was imported."
                        ) from exc
                    self.stdout.write(f"{path}: {result.summary()}")
        except OSError as exc:
            raise CommandError(f"Cannot read {exc.filename}: {exc.strerror}") from exc
        self.stdout.write(self.style.SUCCESS("Import complete."))
