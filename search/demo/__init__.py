"""Demo seeding for search: link the glossary to the demo's taxonomy, then build the
search entries (and the Elasticsearch indexes, if a cluster is configured) from whatever
the other apps just seeded. Runs last; running it twice rebuilds, never duplicates."""

import logging

from search import glossary, indexing

logger = logging.getLogger(__name__)


def seed(*, stdout) -> None:
    # The shipped glossary again, now that the demo's themes and sectors exist: its
    # concepts link to them (an unchanged concept is left alone).
    result = glossary.import_glossary(glossary.SHIPPED.read_bytes())
    stdout.write(f"Search: {result.summary()}")
    for type_name in indexing.all_types():
        try:
            result = indexing.rebuild(type_name)
        except Exception as exc:
            logger.warning("search: demo index of %s not built in the cluster: %s", type_name, exc)
            indexing.rebuild(type_name, elasticsearch=False)
            stdout.write(f"Search: {type_name} indexed in the database only ({exc}).")
            continue
        where = "Elasticsearch and the database" if result else "the database"
        stdout.write(f"Search: {type_name} indexed in {where}.")
