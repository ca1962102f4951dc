import factory
from allauth.account.models import EmailAddress

from community.models import User

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
