import pytest
from django.contrib.auth.models import Group

from casestudies.services import case_study_index_ensure
from tests.community.factories import UserFactory


@pytest.fixture
def index(db):
    """The case-study index (made by the data migration; recreated if flushed)."""
    return case_study_index_ensure()


@pytest.fixture
def contributor(db, index):
    user = UserFactory(is_staff=True, profile__display_name="Chidi Contributor")
    user.groups.add(Group.objects.get(name="Contributors"))
    return user
