"""Rate limits: the site's own (core/ratelimit.py), DRF's throttles on the API and
allauth's on log-in, sign-up and password reset. The test settings switch them off so
that unrelated tests cannot trip over each other through the shared cache; these tests
switch them back on, each from an empty cache."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from core.ratelimit import Rate, hit
from tests.casestudies.factories import CaseStudyPageFactory
from tests.community.factories import PASSWORD, UserFactory
from tests.outcomes.factories import NeedFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limits(settings):
    """Turn the site's limits on, each at 2 requests a minute, with the clock stopped
    mid-minute so that a slow request cannot carry the test into a fresh window."""
    settings.RATE_LIMITS_ENABLED = True
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "2/m")
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, 30, tzinfo=datetime.UTC), tick=False
    ):
        yield settings


def _login(client: Client, user) -> Client:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


# --- the limiter itself ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "limit", "window"),
    [("30/m", 30, 60), ("5/10s", 5, 10), ("100/hour", 100, 3600), ("1/d", 1, 86400)],
)
def test_rate_reads_the_notation_of_drf_and_allauth(text, limit, window):
    assert Rate.parse(text) == Rate(limit=limit, window=window)


def test_rate_refuses_a_malformed_setting_at_first_use():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        Rate.parse("many per minute")


def test_limiter_refuses_the_hit_after_the_limit_and_says_when_to_retry():
    decisions = [hit("test:someone", limit=3, window=60) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 1 <= decisions[-1].retry_after <= 60


def test_limiter_counts_each_key_apart():
    for _ in range(3):
        hit("test:a", limit=3, window=60)
    assert hit("test:a", limit=3, window=60).allowed is False
    assert hit("test:b", limit=3, window=60).allowed is True


# --- the site's views --------------------------------------------------------------


@pytest.mark.django_db
def test_search_page_answers_429_with_retry_after_once_the_limit_is_reached(limits):
    client = Client()
    statuses = [client.get(reverse("search:search"), {"q": "orientation"}) for _ in range(3)]
    assert [r.status_code for r in statuses] == [200, 200, 429]
    refused = statuses[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "You are doing that too often" in refused.content.decode()
    assert "<h1>Too many requests</h1>" in refused.content.decode()


@pytest.mark.django_db
def test_search_limit_counts_each_member_apart(limits):
    first, second = _login(Client(), UserFactory()), _login(Client(), UserFactory())
    for _ in range(2):
        first.get(reverse("search:search"), {"q": "remittances"})
    assert first.get(reverse("search:search"), {"q": "remittances"}).status_code == 429
    assert second.get(reverse("search:search"), {"q": "remittances"}).status_code == 200


@pytest.mark.django_db
def test_autocomplete_answers_429_in_json(limits):
    client = Client()
    for _ in range(2):
        client.get(reverse("search:autocomplete"), {"q": "ori"})
    refused = client.get(reverse("search:autocomplete"), {"q": "ori"})
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    body = refused.json()
    assert body["code"] == "rate_limited"
    assert body["retry_after"] == int(refused["Retry-After"])
    assert "too often" in body["detail"]


@pytest.mark.django_db
def test_search_api_answers_429_in_json(limits):
    client = Client()
    for _ in range(2):
        assert client.get(reverse("api:search"), {"q": "orientation"}).status_code == 200
    refused = client.get(reverse("api:search"), {"q": "orientation"})
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert "Retry-After" in refused


@pytest.mark.django_db
def test_comment_posting_answers_429_once_the_limit_is_reached(limits):
    page = CaseStudyPageFactory()
    client = _login(Client(), UserFactory())
    url = reverse("casestudies:comment_post", args=[page.pk])
    statuses = [
        client.post(url, {"comment": f"Thoughts number {n}."}).status_code for n in range(3)
    ]
    assert statuses[-1] == 429
    assert 429 not in statuses[:2]


@pytest.mark.django_db
def test_posting_needs_answers_429_but_reading_the_form_is_not_counted(limits):
    client = _login(Client(), UserFactory())
    url = reverse("outcomes:need_create")
    for _ in range(5):
        assert client.get(url).status_code == 200
    statuses = [client.post(url, {}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


@pytest.mark.django_db
def test_endorsing_needs_answers_429_once_the_limit_is_reached(limits):
    needs = NeedFactory.create_batch(3)
    client = _login(Client(), UserFactory())
    statuses = [
        client.post(reverse("outcomes:need_endorse", args=[need.pk])).status_code for need in needs
    ]
    assert statuses == [302, 302, 429]


@pytest.mark.django_db
def test_limits_stay_off_when_the_operator_switches_them_off(settings):
    settings.RATE_LIMITS_ENABLED = False
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "1/m")
    client = Client()
    statuses = {
        client.get(reverse("search:autocomplete"), {"q": "ori"}).status_code for _ in range(3)
    }
    assert statuses == {200}


# --- DRF throttles on /api/v1/ -----------------------------------------------------


@pytest.mark.django_db
def test_inventory_api_throttles_visitors_with_429_and_retry_after(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "600/min"})
    client = Client()
    statuses = [client.get(reverse("api:item-list")).status_code for _ in range(3)]
    refused = client.get(reverse("api:item-list"))
    assert statuses == [200, 200, 429]
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"]


def test_api_throttle_rates_come_from_the_settings(settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert set(rates) == {"anon", "user"}
    assert all(Rate.parse(rate.replace("min", "m")) for rate in rates.values())


# --- allauth: log-in, sign-up, password reset --------------------------------------


@pytest.fixture
def allauth_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = {
        "login": "30/m/ip",
        "login_failed": "10/m/ip,3/5m/key",
        "signup": "2/m/ip",
        "reset_password": "20/m/ip,2/m/key",
    }
    return settings


def _attempt(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


@pytest.mark.django_db
def test_account_is_locked_after_repeated_failed_log_ins_even_with_the_right_password(
    allauth_limits,
):
    user = UserFactory()
    client = Client()
    for _ in range(3):
        failed = _attempt(client, user.email, "wrong password")
        assert failed.status_code == 200
        assert "_auth_user_id" not in client.session
    locked = _attempt(client, user.email, PASSWORD)
    assert "Too many failed login attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_is_per_account_so_other_members_still_log_in(allauth_limits):
    victim, other = UserFactory(), UserFactory()
    client = Client()
    for _ in range(3):
        _attempt(client, victim.email, "wrong password")
    response = _attempt(Client(), other.email, PASSWORD)
    assert response.status_code == 302


@pytest.mark.django_db
def test_log_in_from_one_address_is_refused_with_429_after_too_many_attempts(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    user = UserFactory()
    statuses = [_attempt(Client(), user.email, "wrong password").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "Too many requests" in _attempt(Client(), user.email, PASSWORD).content.decode()


@pytest.mark.django_db
def test_sign_up_is_refused_with_429_after_too_many_from_one_address(allauth_limits):
    statuses = [
        Client()
        .post(
            reverse("account_signup"),
            {"email": f"new{n}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        .status_code
        for n in range(3)
    ]
    assert statuses[-1] == 429
    assert 429 not in statuses[:2]


@pytest.mark.django_db
def test_password_reset_requests_for_one_address_are_limited(allauth_limits, mailoutbox):
    user = UserFactory()
    client = Client()
    responses = [
        client.post(reverse("account_reset_password"), {"email": user.email}) for _ in range(3)
    ]
    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "Too many requests" in responses[2].content.decode()
    assert len(mailoutbox) == 2


# --- single sign-on callbacks (allauth's views, limited by URL name) ---------------


@pytest.mark.django_db
def test_openid_connect_callback_answers_429_once_the_limit_is_reached(limits):
    from tests.security.walker import _sso_apps

    _sso_apps()
    client = Client()
    url = reverse("openid_connect_callback", args=["walker-oidc"])
    statuses = [client.get(url, {"code": "c", "state": "s"}).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    assert "Too many requests" in client.get(url).content.decode()


@pytest.mark.django_db
def test_saml_assertion_consumer_answers_429_once_the_limit_is_reached(limits):
    from tests.security.walker import _sso_apps

    _sso_apps()
    client = Client()
    url = reverse("saml_acs", args=["walker-saml"])
    statuses = [client.post(url, {"SAMLResponse": "x"}).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert 1 <= int(client.post(url).headers["Retry-After"]) <= 60
