"""Factories for the outcomes app: frameworks with indicators, cohorts with alumni,
follow-up schedules, needs."""

from __future__ import annotations

import datetime

import factory

from community.models import Group, Membership
from outcomes.models import Indicator, Need, Outcome, ResultsFramework
from taxonomy.models import Country
from tests.community.factories import UserFactory
from tests.inventory.factories import InventoryItemFactory


class CourseFactory(InventoryItemFactory):
    kind = "course"
    start_date = datetime.date(2025, 1, 6)
    end_date = datetime.date(2025, 1, 31)
    cohort_year = 2025


def framework_for(subject, *, indicators=(("Action plans drafted", 0, 100),)) -> ResultsFramework:
    """A framework with one individual outcome holding ``indicators`` as
    (name, min, max) triples, plus an organisational outcome with one indicator."""
    kwargs = (
        {"inventory_item": subject}
        if subject._meta.model_name == "inventoryitem"
        else {"case_study": subject}
    )
    framework = ResultsFramework.objects.create(title=f"Results of {subject}", **kwargs)
    individual = Outcome.objects.create(
        framework=framework, level="individual", statement="Alumni apply what they learnt"
    )
    for n, (name, low, high) in enumerate(indicators):
        Indicator.objects.create(
            outcome=individual,
            name=name,
            baseline=10,
            target=60,
            unit="%",
            source="Follow-up survey",
            min_value=low,
            max_value=high,
            sort_order=n,
        )
    organisational = Outcome.objects.create(
        framework=framework,
        level="organisational",
        statement="Organisations change procedures",
        sort_order=1,
    )
    Indicator.objects.create(
        outcome=organisational,
        name="Procedures revised",
        baseline=0,
        target=3,
        unit="procedures",
        min_value=0,
        max_value=50,
    )
    return framework


class AlumniNetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Course alumni {n}")
    slug = factory.Sequence(lambda n: f"course-alumni-{n}")
    kind = Group.Kind.ALUMNI_NETWORK
    privacy = Group.Privacy.PRIVATE
    course = factory.SubFactory(CourseFactory)
    cohort_year = 2025


def join(group: Group, user, role: str = Membership.Role.MEMBER) -> Membership:
    return Membership.objects.create(group=group, user=user, role=role)


def cohort(*, alumni: int = 3, organiser=None, **kwargs):
    """An alumni network with a course, its framework, an owner and ``alumni`` members."""
    group = AlumniNetworkFactory(**kwargs)
    framework_for(group.course)
    organiser = organiser or UserFactory(profile__display_name="Olga Organiser")
    join(group, organiser, Membership.Role.OWNER)
    members = [
        UserFactory(profile__display_name=f"Alumna {n}", profile__role="Officer")
        for n in range(alumni)
    ]
    for user in members:
        join(group, user)
    return group, organiser, members


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    author = factory.SubFactory(UserFactory)
    organisation = "Ministry of Labour"
    title = factory.Sequence(lambda n: f"Need {n}")
    description = "We need to train labour attachés on fair recruitment."
    country = factory.LazyFunction(lambda: Country.objects.get(code="PH"))
