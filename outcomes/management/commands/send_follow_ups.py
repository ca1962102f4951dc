"""Send the follow-up questionnaires that are due, and single reminders.

A scheduler (cron, systemd timer) runs it daily; running it more often is harmless:
nothing is sent twice and nobody hears from us more than once a week per questionnaire.
"""

from django.core.management.base import BaseCommand

from outcomes.services import follow_ups_send


class Command(BaseCommand):
    help = "Send due follow-up questionnaires and reminders (run daily)."

    def handle(self, *args, **options) -> None:
        counts = follow_ups_send()
        self.stdout.write(
            f"Follow-ups: {counts['invited']} invitations, {counts['reminded']} reminders sent."
        )
