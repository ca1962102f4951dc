"""Load the demo content: people, taxonomy, and each app's own demo data.

Idempotent: running it twice updates what is there and never duplicates content. Each
app that has demo content provides a ``<app>/demo/`` package (its data files beside a
``seed(*, stdout)`` function in ``__init__.py``); they run in dependency order.
"""

import importlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_PASSWORD = "commons-demo-2026"  # noqa: S105 - printed for the demo on purpose

DEMO_USERS = [
    # email, display name, role, staff, superuser, Wagtail groups
    ("admin@practice-commons.test", "Ada Admin", "Platform administrator", True, True, []),
    (
        "editor@practice-commons.test",
        "Elena Editor",
        "Knowledge manager",
        True,
        False,
        ["Editors", "Moderators"],
    ),
    ("member@practice-commons.test", "Mateo Member", "Local authority officer", False, False, []),
]

# community links alumni networks to inventory courses, so inventory seeds first;
# search copies everything into its database fallback, so it seeds last.
APP_SEEDERS = ["taxonomy", "inventory", "community", "casestudies", "forums", "outcomes", "search"]


class Command(BaseCommand):
    help = "Load (or refresh) the demo content. Safe to run more than once."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            self._seed_users()
            for app in APP_SEEDERS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                if hasattr(module, "seed"):
                    module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def _seed_users(self) -> None:
        User = get_user_model()
        for email, name, role, staff, superuser, groups in DEMO_USERS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={
                    "is_staff": staff,
                    "is_superuser": superuser,
                    "handle": email.split("@")[0],
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.profile.display_name = name
            user.profile.role = role
            user.profile.save()
            for group_name in groups:
                user.groups.add(Group.objects.get(name=group_name))
            _verify_email(user)
        self.stdout.write(f"Demo users ready ({len(DEMO_USERS)}).")


def _verify_email(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
