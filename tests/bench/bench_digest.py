"""Benchmark: send 10,000 email digests.

    .venv/bin/python tests/bench/bench_digest.py [--members 10000]

Creates a throw-away test database (``test_<DATABASE name>``), 10,000 members on the
daily digest with three notifications each (one of them about a private group that a
third of the members have left, so visibility is re-checked at send time), then runs
``services.digests_send`` through one mail connection whose backend renders every
message to bytes and drops it. Prints digests per second and peak Python memory
(tracemalloc), and writes reports/bench-digest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.mail.backends.base import BaseEmailBackend  # noqa: E402
from django.db import connection  # noqa: E402


class RenderingBackend(BaseEmailBackend):
    """Serialises each message as an SMTP server would receive it, then drops it."""

    sent = 0
    bytes = 0
    opened = 0

    def open(self):
        RenderingBackend.opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            RenderingBackend.bytes += len(message.message().as_bytes())
        RenderingBackend.sent += len(messages)
        return len(messages)


def populate(members: int) -> None:
    from community.models import Group, Membership, Notification, Profile, User

    group = Group.objects.create(name="Bench private", slug="bench-private", privacy="private")
    batch = 2000
    for start in range(0, members, batch):
        users = User.objects.bulk_create(
            User(email=f"bench{i}@example.org", handle=f"bench{i}", password="!")
            for i in range(start, min(start + batch, members))
        )
        Profile.objects.bulk_create(
            Profile(user=u, display_name=f"Bench member {u.pk}", digest_frequency="daily")
            for u in users
        )
        # Two thirds are still members of the private group; a third have left it.
        Membership.objects.bulk_create(
            Membership(group=group, user=u) for i, u in enumerate(users) if i % 3
        )
        notes = []
        for u in users:
            notes.append(
                Notification(
                    recipient=u,
                    verb="reply",
                    title="Amina replied to your topic",
                    url="/forums/t/1/",
                )
            )
            notes.append(
                Notification(
                    recipient=u, verb="mention", title="Li mentioned you", url="/forums/t/2/#p9"
                )
            )
            notes.append(
                Notification(
                    recipient=u,
                    verb="new_content",
                    title="New topic in Bench private",
                    url="/forums/t/3/",
                    group=group,
                )
            )
        Notification.objects.bulk_create(notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--chunk-size", type=int, default=500)
    args = parser.parse_args()

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from community import services
        from community.models import Notification

        t0 = time.perf_counter()
        populate(args.members)
        setup_seconds = time.perf_counter() - t0

        # Run 1, timed (tracemalloc would slow it down several times).
        t0 = time.perf_counter()
        stats = services.digests_send(
            frequency="daily", connection=RenderingBackend(), chunk_size=args.chunk_size
        )
        seconds = time.perf_counter() - t0
        bytes_sent = RenderingBackend.bytes
        # Run 2, the same work again under tracemalloc for the peak memory.
        Notification.objects.update(emailed_at=None)
        tracemalloc.start()
        services.digests_send(
            frequency="daily", connection=RenderingBackend(), chunk_size=args.chunk_size
        )
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        leaked = Notification.objects.filter(group__isnull=False, emailed_at__isnull=False)
        leaked = leaked.exclude(group__memberships__user=models_f_recipient()).count()
        result = {
            "members": args.members,
            "digests_sent": stats.sent,
            "notifications_emailed": stats.notifications,
            "skipped": stats.skipped,
            "seconds": round(seconds, 2),
            "digests_per_second": round(stats.sent / seconds, 1),
            "peak_memory_mib": round(peak / 2**20, 1),
            "mail_connections_opened_per_run": RenderingBackend.opened // 2,
            "mail_bytes": bytes_sent,
            "private_notifications_emailed_to_non_members": leaked,
            "chunk_size": args.chunk_size,
            "setup_seconds": round(setup_seconds, 1),
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    for key, value in result.items():
        print(f"{key:>45}: {value}")
    out = ROOT / "reports" / "bench-digest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {out.relative_to(ROOT)}")


def models_f_recipient():
    from django.db.models import F

    return F("recipient")


if __name__ == "__main__":
    main()
