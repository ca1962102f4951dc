"""The periodic jobs run in production: a scheduler service and a schedule that, on a
fake clock, runs each job when it is due and not again before its next slot."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands

from core.scheduler import SCHEDULE, tick

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_COMMANDS = {
    ("publish_scheduled",),
    ("search_index", "--catch-up", "--no-progress"),
    ("send_digests", "--frequency", "daily"),
    ("send_digests", "--frequency", "weekly"),
    ("send_follow_ups",),
    ("purge_expired_invitations",),
}


def _run_week(start: datetime) -> Counter:
    calls: Counter = Counter()
    last_runs: dict = {}
    now = start
    while now < start + timedelta(days=7):
        tick(now=now, last_runs=last_runs, run=lambda *args: calls.update([args]))
        now += timedelta(minutes=1)
    return calls


def test_compose_defines_one_scheduler_running_the_loop():
    scheduler = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())["services"][
        "scheduler"
    ]
    assert scheduler["command"] == ["python", "manage.py", "run_scheduler"]
    assert scheduler["deploy"]["replicas"] == 1
    assert scheduler["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"


def test_every_scheduled_job_is_an_existing_command():
    commands = get_commands()
    for job in SCHEDULE:
        assert job.command in commands, job.command


def test_a_week_on_a_fake_clock_runs_each_job_as_often_as_scheduled():
    # Monday 00:00:30; the first tick also catches up each daily/weekly job's last slot.
    calls = _run_week(datetime(2026, 12, 7, 0, 0, 30, tzinfo=UTC))
    assert set(calls) == EXPECTED_COMMANDS
    assert calls[("publish_scheduled",)] == 7 * 24 * 12
    assert calls[("search_index", "--catch-up", "--no-progress")] == 7 * 24 * 12
    assert calls[("send_digests", "--frequency", "daily")] == 1 + 7
    assert calls[("send_follow_ups",)] == 1 + 7
    assert calls[("purge_expired_invitations",)] == 1 + 7
    assert calls[("send_digests", "--frequency", "weekly")] == 1 + 1


def test_a_failing_job_does_not_stop_the_others():
    ran = []

    def run(command, *args):
        ran.append(command)
        if command == "publish_scheduled":
            raise RuntimeError("database away")

    tick(now=datetime(2026, 12, 7, 8, 0, tzinfo=UTC), last_runs={}, run=run)
    assert set(ran) == {args[0] for args in EXPECTED_COMMANDS}


@pytest.mark.django_db
def test_purge_removes_only_long_expired_pending_invitations(member):
    from django.core.management import call_command
    from django.utils import timezone

    from community.models import Invitation
    from tests.community.factories import GroupFactory

    group = GroupFactory()
    long_ago = timezone.now() - timedelta(days=200)
    old = Invitation.objects.create(group=group, email="old@example.org", expires_at=long_ago)
    fresh = Invitation.objects.create(group=group, email="new@example.org")
    call_command("run_scheduler", "--once")
    assert not Invitation.objects.filter(pk=old.pk).exists()
    assert Invitation.objects.filter(pk=fresh.pk).exists()
