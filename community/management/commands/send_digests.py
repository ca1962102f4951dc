"""Send the email digest. A scheduler runs it daily with ``--frequency daily`` and
weekly with ``--frequency weekly`` (e.g. cron: ``0 6 * * * manage.py send_digests
--frequency daily``). Members with nothing new are skipped; running it twice sends
nothing the second time."""

from django.core.management.base import BaseCommand

from community import services
from community.models import Profile


class Command(BaseCommand):
    help = "Email each member who chose this frequency a digest of their new notifications."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[Profile.DigestFrequency.DAILY, Profile.DigestFrequency.WEEKLY],
        )
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, frequency: str, chunk_size: int, **options) -> None:
        stats = services.digests_send(frequency=frequency, chunk_size=chunk_size)
        self.stdout.write(
            f"{frequency} digests: {stats.sent} sent, {stats.skipped} skipped "
            f"(nothing they may still see), {stats.notifications} notifications."
        )
