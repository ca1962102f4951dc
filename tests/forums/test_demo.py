import pytest
from django.core.management import call_command

from community.models import User
from forums.models import Category, LiveRoom, Post, Topic

pytestmark = pytest.mark.django_db


def test_forum_demo_seed_is_idempotent():
    call_command("seed_demo", verbosity=0)
    counts = (Topic.objects.count(), Post.objects.count(), User.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Topic.objects.count(), Post.objects.count(), User.objects.count()) == counts
    assert counts[0] == 10
    assert Category.objects.get(slug="qa").is_qa
    assert LiveRoom.objects.filter(slug="knowledge-workshop-2026").exists()
    assert User.objects.filter(handle="amina").count() == 1


def test_forum_demo_topics_have_consistent_counters():
    call_command("seed_demo", verbosity=0)
    for topic in Topic.objects.all():
        assert topic.reply_count == topic.posts.count() - 1
        assert topic.last_post == topic.posts.order_by("pk").last()
