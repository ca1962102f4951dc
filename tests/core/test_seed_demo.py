import pytest
from django.core.management import call_command

from community.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = {User: User.objects.count()}
    call_command("seed_demo", verbosity=0)
    # 3 core accounts + the community's demo members (the forum authors and the 2024
    # cohort's alumni among them): a second run duplicates nobody.
    assert User.objects.count() == counts[User] == 14
    editor = User.objects.get(email="editor@practice-commons.test")
    assert editor.has_perm("wagtailadmin.access_admin")
    member = User.objects.get(email="member@practice-commons.test")
    assert not member.has_perm("wagtailadmin.access_admin")


def test_seed_demo_gives_each_solved_question_exactly_one_accepted_answer():
    from django.db.models import Count, Q

    from forums.models import Topic

    call_command("seed_demo", verbosity=0)
    questions = Topic.objects.filter(category__kind="qa").annotate(
        accepted=Count("posts", filter=Q(posts__is_accepted=True))
    )
    solved = [topic for topic in questions if topic.accepted]
    assert len(solved) >= 2
    assert all(topic.accepted == 1 for topic in questions)
    for topic in solved:
        answer = topic.posts.get(is_accepted=True)
        assert answer.author_id != topic.author_id
        assert answer.pk != topic.posts.order_by("pk").first().pk


def test_seed_demo_gives_the_front_door_and_the_members_home_content(client):
    call_command("seed_demo", verbosity=0)
    html = client.get("/").content.decode()
    featured = html.split("Featured", 1)[1].split("Latest", 1)[0]
    assert "Mexico: the 3x1 Programme for Migrants" in featured

    client.force_login(User.objects.get(email="member@practice-commons.test"))
    html = client.get("/").content.decode()
    following = html.split('id="home-following"', 1)[1].split("</section>", 1)[0]
    assert "Mexico: the 3x1 Programme for Migrants" in following
    assert "Amina Diallo" in following
    endorsed = html.split('id="home-my-needs"', 1)[1].split("</section>", 1)[0]
    assert "Follow-up questionnaires that alumni actually answer" in endorsed
