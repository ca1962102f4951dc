"""The UN M49 hierarchy, loaded once per request, for matching and explaining matches.

Regions are few (about thirty rows), so walking the tree in Python is cheaper and clearer
than recursive SQL, and it lets each result say *why* it matched ("targets South-eastern
Asia, which includes the Philippines") without a query per result.
"""

from __future__ import annotations

from dataclasses import dataclass

from taxonomy.models import Region

WORLD_CODE = "001"


@dataclass
class RegionTree:
    by_id: dict[int, Region]

    @classmethod
    def load(cls) -> RegionTree:
        return cls({region.pk: region for region in Region.objects.all()})

    @property
    def world_id(self) -> int | None:
        return next((pk for pk, r in self.by_id.items() if r.code == WORLD_CODE), None)

    def ancestor_ids(self, region_id: int) -> set[int]:
        ids: set[int] = set()
        parent_id = self.by_id[region_id].parent_id if region_id in self.by_id else None
        while parent_id and parent_id not in ids:
            ids.add(parent_id)
            parent_id = self.by_id[parent_id].parent_id if parent_id in self.by_id else None
        return ids

    def descendant_ids(self, region_id: int) -> set[int]:
        return {pk for pk in self.by_id if region_id in self.ancestor_ids(pk)}

    def ordered(self) -> list[tuple[Region, int]]:
        """Regions depth-first (World, then each continent followed by its parts), with
        their depth, for an indented select."""
        children: dict[int | None, list[Region]] = {}
        for region in self.by_id.values():
            children.setdefault(region.parent_id, []).append(region)
        out: list[tuple[Region, int]] = []

        def walk(parent_id: int | None, depth: int) -> None:
            kids = sorted(
                children.get(parent_id, []),
                key=lambda r: (r.code != WORLD_CODE, r.label),
            )
            for region in kids:
                out.append((region, depth))
                walk(region.pk, depth + 1)

        walk(None, 0)
        return out
