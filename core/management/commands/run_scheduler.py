"""Run the periodic jobs of ``core.scheduler.SCHEDULE`` forever (one process per
deployment: the ``scheduler`` service of ``docker/compose.yaml``)."""

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.scheduler import SCHEDULE, tick


class Command(BaseCommand):
    help = (
        "Run digests, follow-ups, scheduled publishing, invitation clean-up and search "
        "catch-up on schedule."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="One tick, then exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between ticks.")

    def handle(self, *args, once: bool, interval: int, **options) -> None:
        for job in SCHEDULE:
            when = f"every {job.every}" if job.every else f"at {job.at:%H:%M}"
            if job.weekday is not None:
                when += f" on weekday {job.weekday}"
            self.stdout.write(f"{job.name}: {job.command} {' '.join(job.args)} ({when}, UTC)")
        last_runs: dict = {}
        while True:
            for name in tick(now=timezone.now(), last_runs=last_runs):
                self.stdout.write(f"ran {name}")
            if once:
                return
            time.sleep(interval)
