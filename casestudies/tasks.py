"""Background work of the section (django-tasks; immediate in tests and the demo)."""

from django_tasks import task


@task()
def notify_comment_followers(*, comment_id: int) -> int:
    from casestudies.services import comment_notify_followers

    return comment_notify_followers(comment_id=comment_id)
