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
    assert counts[2] == 3
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "Outcomes ready" in out.getvalue()
    assert counts == (
        ResultsFramework.objects.count(),
        Indicator.objects.count(),
        Need.objects.count(),
        Certificate.objects.count(),
    )
