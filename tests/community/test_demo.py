import pytest
from django.core.management import call_command

from community.models import Group, Membership, User
from inventory.models import InventoryItem

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_groups_members_and_roles_once():
    # The inventory seeder provides the course; stand in for it here.
    InventoryItem.objects.create(
        external_id="inv-lma-2024", title="Labour Migration Academy 2024", kind="course"
    )
    call_command("seed_demo", verbosity=0)
    counts = (Group.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Group.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert counts[0] == 6
    amina = User.objects.get(handle="amina")
    assert amina.check_password("commons-demo-2026")
    assert amina.profile.country.code == "SN"
    assert amina.emailaddress_set.get().verified
    alumni = Group.objects.get(slug="lma-alumni-2024")
    assert alumni.memberships.get(role="owner").user.handle == "sofia"
    assert alumni.course is not None
    assert alumni.course.external_id == "inv-lma-2024"
    # The original, not one of its French or Spanish versions (which share the id).
    assert alumni.course.locale.language_code == "en"
    secret = Group.objects.get(slug="gfmd-follow-up-focal-points")
    assert secret.privacy == Group.Privacy.SECRET
    assert secret.memberships.filter(user__email="editor@practice-commons.test").exists()
