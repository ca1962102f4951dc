import factory

from community.models import Group, Membership
from forums.models import Category, LiveRoom, Post, Topic
from forums.services import render_body
from tests.community.factories import UserFactory


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.Sequence(lambda n: f"working-group-{n}")
    kind = Group.Kind.WORKING_GROUP
    privacy = Group.Privacy.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    kind = Category.Kind.DISCUSSION


class TopicFactory(factory.django.DjangoModelFactory):
    """A topic with its first post, as ``topic_create`` leaves it."""

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"How do you run pre-departure orientation? ({n})")

    @factory.post_generation
    def first_post(self, create, extracted, **kwargs):
        if not create:
            return
        post = PostFactory(topic=self, author=self.author, body=extracted or "The question.")
        self.last_post = post
        self.save(update_fields=["last_post"])


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"A reply with some experience, number {n}.")
    body_html = factory.LazyAttribute(lambda o: render_body(o.body)[0])


class LiveRoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LiveRoom

    name = factory.Sequence(lambda n: f"Workshop back-channel {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
