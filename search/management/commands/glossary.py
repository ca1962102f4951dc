"""``manage.py glossary export [--format json|csv] [FILE]`` and
``manage.py glossary import FILE [--format json|csv]``: the search glossary as a file
(see ``search.glossary``)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from search import glossary


class Command(BaseCommand):
    help = "Export or import the multilingual search glossary (JSON or CSV)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the glossary to FILE (or stdout).")
        export.add_argument("file", nargs="?", default="-")
        export.add_argument("--format", choices=["json", "csv"], default="json")
        load = sub.add_parser("import", help="Import FILE: all of it, or nothing.")
        load.add_argument("file")
        load.add_argument("--format", choices=["json", "csv"], default=None)

    def handle(self, *args, action: str, file: str, format: str | None, **options):
        if action == "export":
            text = glossary.export_csv() if format == "csv" else glossary.export_json()
            if file == "-":
                sys.stdout.write(text)
            else:
                Path(file).write_text(text, encoding="utf-8")
                self.stdout.write(f"Wrote {glossary.concept_count()} concepts to {file}.")
            return
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            result = glossary.import_glossary(data, format)
        except glossary.GlossaryRejected as exc:
            raise CommandError(
                "Nothing was imported:\n" + "\n".join(f"  {issue}" for issue in exc.issues)
            ) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
