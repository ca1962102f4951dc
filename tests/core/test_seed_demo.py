import pytest
from django.core.management import call_command

from community.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = {User: User.objects.count()}
    call_command("seed_demo", verbosity=0)
    # 3 core accounts + the community's demo members (the forum authors among them):
    # a second run duplicates nobody.
    assert User.objects.count() == counts[User] == 8
    editor = User.objects.get(email="editor@practice-commons.test")
    assert editor.has_perm("wagtailadmin.access_admin")
    member = User.objects.get(email="member@practice-commons.test")
    assert not member.has_perm("wagtailadmin.access_admin")
