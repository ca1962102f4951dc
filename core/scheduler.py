"""The production schedule of periodic jobs, run by ``manage.py run_scheduler`` (the
``scheduler`` service in ``docker/compose.yaml``).

Each job is a management command, named here by string so that ``core`` needs no
domain app; every command is safe to run twice (digests and follow-ups never send
anything twice, publishing and catch-up only do what is due), so a restart that runs a
day's job again does no harm. Run exactly one scheduler process per deployment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.management import call_command

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    args: tuple[str, ...] = ()
    every: timedelta | None = None
    at: time | None = None
    weekday: int | None = None  # 0 = Monday, for weekly jobs

    def slot(self, now: datetime) -> datetime:
        """The latest moment at or before ``now`` when the job was due."""
        if self.every is not None:
            seconds = int(self.every.total_seconds())
            epoch = now.replace(hour=0, minute=0, second=0, microsecond=0)
            elapsed = int((now - epoch).total_seconds())
            return epoch + timedelta(seconds=elapsed - elapsed % seconds)
        at = self.at or time(0, 0)
        slot = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
        if slot > now:
            slot -= timedelta(days=1)
        if self.weekday is not None:
            slot -= timedelta(days=(slot.weekday() - self.weekday) % 7)
        return slot


SCHEDULE: tuple[Job, ...] = (
    Job("publish scheduled pages", "publish_scheduled", every=timedelta(minutes=5)),
    Job(
        "search catch-up",
        "search_index",
        ("--catch-up", "--no-progress"),
        every=timedelta(minutes=5),
    ),
    Job("daily digests", "send_digests", ("--frequency", "daily"), at=time(6, 0)),
    Job("weekly digests", "send_digests", ("--frequency", "weekly"), at=time(6, 0), weekday=0),
    Job("follow-ups and reminders", "send_follow_ups", at=time(7, 0)),
    Job("expired invitations", "purge_expired_invitations", at=time(3, 0)),
)


def tick(
    *,
    now: datetime,
    last_runs: dict[str, datetime],
    schedule: tuple[Job, ...] = SCHEDULE,
    run: Callable[..., object] = call_command,
) -> list[str]:
    """Run every job whose latest slot is later than its last run; returns their names.

    A job that fails is logged and retried at its next slot; it does not stop the others.
    """
    ran = []
    for job in schedule:
        slot = job.slot(now)
        last = last_runs.get(job.name)
        if last is not None and last >= slot:
            continue
        last_runs[job.name] = now
        ran.append(job.name)
        try:
            run(job.command, *job.args)
        except Exception:
            logger.exception("scheduled job %r failed", job.name)
    return ran
