import pytest
from django.core.management import call_command

from community.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = {User: User.objects.count()}
    call_command("seed_demo", verbosity=0)
    # the forum seeder adds the authors of its demo discussions; nothing is duplicated
    assert User.objects.count() == counts[User]
    assert User.objects.filter(email__endswith="@practice-commons.test").count() == counts[User]
    editor = User.objects.get(email="editor@practice-commons.test")
    assert editor.has_perm("wagtailadmin.access_admin")
    member = User.objects.get(email="member@practice-commons.test")
    assert not member.has_perm("wagtailadmin.access_admin")
