"""Delete invitations that expired long ago (the scheduler runs it daily)."""

from django.core.management.base import BaseCommand

from community.services import invitations_purge_expired


class Command(BaseCommand):
    help = "Delete pending invitations that expired more than 90 days ago (run daily)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Expired invitations deleted: {invitations_purge_expired()}.")
