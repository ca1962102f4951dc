import io

import pytest
from django.core.management import call_command

from outcomes.models import Certificate, Indicator, Need, ResultsFramework

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_outcomes_and_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        ResultsFramework.objects.count(),
        Indicator.objects.count(),
        Need.objects.count(),
        Certificate.objects.count(),
    )
    assert counts[0] >= 2
    assert counts[2] == 4
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Outcomes ready" in out.getvalue()
    assert counts == (
        ResultsFramework.objects.count(),
        Indicator.objects.count(),
        Need.objects.count(),
        Certificate.objects.count(),
    )


def test_seed_demo_dashboard_has_five_answers_or_more_in_every_cell(client):
    from community.models import Group, User
    from outcomes.selectors.dashboard import evidence_dashboard

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    cohort = Group.objects.get(slug="lma-alumni-2024")
    dashboard = evidence_dashboard(group_ids=[cohort.pk])
    assert dashboard.time_points == [3, 6, 12]
    assert dashboard.indicators
    assert all(not rate["submitted"].suppressed for rate in dashboard.rates)
    for item in dashboard.indicators:
        assert all(not c["cell"].suppressed for c in item["cells"])
    client.force_login(User.objects.get(email="admin@practice-commons.test"))
    html = client.get("/outcomes/dashboard/cohorts/lma-alumni-2024/").content.decode()
    assert "No answers to report yet." not in html
    assert "fewer than 5" not in html.split("Indicators over time", 1)[1].split("<section", 1)[0]
