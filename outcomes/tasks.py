"""Background work: the daily follow-up run (``send_follow_ups`` calls the same service)."""

from django_tasks import task

from outcomes.services import follow_ups_send


@task()
def send_follow_ups_task() -> dict[str, int]:
    return follow_ups_send()
