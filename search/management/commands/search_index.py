"""``manage.py search_index``: rebuild the indexes without downtime, check them, or
send the updates the cluster missed while it was down."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing
from search.registry import searchables


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes (a new index per type, then an atomic alias swap), "
        "check them against the database, or replay pending updates."
    )

    def add_arguments(self, parser) -> None:
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--rebuild", action="store_true", help="Rebuild from the database.")
        action.add_argument(
            "--check", action="store_true", help="Report missing, stale and extra documents."
        )
        action.add_argument(
            "--catch-up", action="store_true", help="Send updates the cluster missed."
        )
        parser.add_argument(
            "--type", action="append", dest="types", help="Only this type (repeatable)."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        known = sorted(searchables())
        types = options["types"] or known
        unknown = sorted(set(types) - set(known))
        if unknown:
            raise CommandError(f"Unknown type(s): {', '.join(unknown)}. Known: {', '.join(known)}.")
        try:
            if options["rebuild"]:
                self._rebuild(types, progress=not options["no_progress"])
            elif options["check"]:
                self._check(types)
            else:
                applied = indexing.replay_pending()
                self.stdout.write(self.style.SUCCESS(f"Replayed {applied} pending update(s)."))
        except CommandError:
            raise
        except Exception as exc:
            raise CommandError(f"Search index operation failed: {exc}") from exc

    def _rebuild(self, types: list[str], *, progress: bool) -> None:
        for type_name in types:
            total = indexing.get_searchable(type_name).get_queryset().count()
            with tqdm(
                total=total,
                desc=type_name,
                unit="doc",
                disable=not progress,
                file=self.stderr,
            ) as bar:
                result = indexing.rebuild(type_name, progress=bar.update)
            if result is None:
                self.stdout.write(f"{type_name}: {total} database entries rebuilt (no cluster).")
            else:
                self.stdout.write(
                    f"{type_name}: {result.count} documents in {result.index}; "
                    f"alias swapped, {len(result.removed_indexes)} old index(es) removed."
                )
        self.stdout.write(self.style.SUCCESS("Search indexes rebuilt."))

    def _check(self, types: list[str]) -> None:
        problems = 0
        for type_name in types:
            for result in indexing.check(type_name):
                line = (
                    f"{type_name} [{result.backend}]: {result.expected} expected, "
                    f"{len(result.missing)} missing, {len(result.stale)} stale, "
                    f"{len(result.extra)} extra"
                )
                if result.ok:
                    self.stdout.write(line)
                    continue
                problems += 1
                self.stdout.write(self.style.WARNING(line))
                for label, ids in (
                    ("missing", result.missing),
                    ("stale", result.stale),
                    ("extra", result.extra),
                ):
                    if ids:
                        self.stdout.write(f"  {label}: {', '.join(map(str, ids[:20]))}")
        if problems:
            raise CommandError(
                f"{problems} index(es) out of step: run `manage.py search_index --rebuild`."
            )
        self.stdout.write(self.style.SUCCESS("Search indexes match the database."))
