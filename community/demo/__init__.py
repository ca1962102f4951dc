"""Demo community: the groups of ``groups.json`` and the people of ``members.json``.

Idempotent: groups are matched by slug, people by email, memberships by (group, member);
running it again updates them and never duplicates. The demo accounts "member" and
"editor" come from ``core``'s seeder; "amina", "carlos", "li", "sofia" and "kwame" are
created here (the forum demo data uses these handles), all with the demo password.
"""

from __future__ import annotations

import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction

from community.models import Group, Membership, OrganisationSignIn, Profile, User
from taxonomy.models import Country, Theme

DATA = Path(__file__).parent
DEMO_PASSWORD = "commons-demo-2026"  # noqa: S105 - the published demo password
EXISTING_DEMO_HANDLES = {
    "member": "member@practice-commons.test",
    "editor": "editor@practice-commons.test",
}


def _load(name: str):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _course(external_id: str | None):
    if not external_id:
        return None
    from inventory.models import InventoryItem

    return InventoryItem.objects.originals().filter(external_id=external_id).first()


@transaction.atomic
def seed(*, stdout=None) -> None:
    groups = {}
    for row in _load("groups.json"):
        group, _ = Group.objects.update_or_create(
            slug=row["slug"],
            defaults={
                "name": row["name"],
                "kind": row["kind"],
                "privacy": row["privacy"],
                "description": row["description"],
                "course": _course(row.get("course")),
                "cohort_year": row.get("cohort_year"),
            },
        )
        groups[group.slug] = group

    data = _load("members.json")
    people = {}
    for row in data["members"]:
        user, created = User.objects.get_or_create(
            email=row["email"], defaults={"handle": row["handle"]}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        profile: Profile = user.profile
        profile.display_name = row["display_name"]
        profile.organisation = row["organisation"]
        profile.role = row["role"]
        profile.country = Country.objects.filter(code=row["country"]).first()
        profile.languages = row["languages"]
        profile.bio = row["bio"]
        for field, level in row.get("visibility", {}).items():
            setattr(profile, f"{field}_visibility", level)
        profile.save()
        profile.themes.set(Theme.objects.filter(slug__in=row["themes"]))
        people[row["handle"]] = user
    for handle, email in EXISTING_DEMO_HANDLES.items():
        user = User.objects.filter(email=email).first()
        if user is not None:
            people[handle] = user

    count = 0
    for row in data["memberships"]:
        group, user = groups.get(row["group"]), people.get(row["member"])
        if group is None or user is None:
            continue
        Membership.objects.update_or_create(group=group, user=user, defaults={"role": row["role"]})
        count += 1
    _seed_organisation_sign_in(groups)
    if stdout is not None:
        stdout.write(
            f"Community: {len(groups)} groups, {len(data['members'])} demo members, "
            f"{count} memberships."
        )


#: The demo's OpenID Connect provider (config/settings/dev.py, started by scripts/demo.sh).
DEMO_PROVIDER_ID = "demo-ilo"


def _seed_organisation_sign_in(groups: dict[str, Group]) -> None:
    """The demo provider signs people in for the ILO: they get it on their profile, join
    the local authorities' working group, and ilo.demo addresses must use it."""
    from taxonomy.models import Organisation

    organisation = Organisation.objects.filter(slug="ilo").first()
    rule, _ = OrganisationSignIn.objects.update_or_create(
        provider_id=DEMO_PROVIDER_ID,
        defaults={"organisation": organisation, "email_domains": "ilo.demo"},
    )
    if "local-authorities-md" in groups:
        rule.groups.add(groups["local-authorities-md"])
