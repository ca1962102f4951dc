import factory
from allauth.account.models import EmailAddress

from community.models import Group, Invitation, JoinRequest, Membership, Notification, User
from taxonomy.models import Country, Theme

PASSWORD = "a-Long-enough-pass-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A member with a verified email address and a known password."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        self.save()
        for field, value in kwargs.items():
            setattr(self.profile, field, value)
        if kwargs:
            self.profile.save()
        EmailAddress.objects.get_or_create(
            user=self, email=self.email, defaults={"verified": True, "primary": True}
        )


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    kind = Group.Kind.WORKING_GROUP
    privacy = Group.Privacy.PUBLIC
    description = "Peers comparing notes."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    group = factory.SubFactory(GroupFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = None


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    group = factory.SubFactory(GroupFactory, privacy=Group.Privacy.PRIVATE)
    user = factory.SubFactory(UserFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    verb = Notification.Verb.REPLY
    title = factory.Sequence(lambda n: f"Someone replied to your topic {n}")
    url = "/forums/"


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


def country(code: str) -> Country:
    """One of the 249 countries loaded by the taxonomy data migration."""
    return Country.objects.get(code=code)


def notifications_page(user) -> str:
    """What ``user`` sees on their notifications page (their own signed-in client)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.get("/notifications/").content.decode()
