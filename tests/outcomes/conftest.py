import datetime

import pytest
import time_machine

from outcomes import services
from tests.outcomes.factories import cohort


@pytest.fixture
def alumni_cohort(db):
    """A cohort whose course ended 31 January 2025 with three alumni."""
    return cohort(alumni=3)


@pytest.fixture
def scheduled(alumni_cohort):
    group, organiser, members = alumni_cohort
    schedule = services.follow_up_schedule_create(group=group, by=organiser, months=[3, 6, 12])
    return group, organiser, members, schedule


@pytest.fixture
def at():
    """Freeze time at a date: ``with at(2025, 5, 1): ...``."""

    def freeze(year, month, day, hour=9):
        return time_machine.travel(
            datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC), tick=False
        )

    return freeze


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the daily follow-up job, with the emails it queues on commit delivered."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return services.follow_ups_send()

    return run
