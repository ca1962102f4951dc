"""The authorization walker: every routed URL of the site, requested as each kind of
viewer, must answer what the table below says — and a route nobody classified fails the
suite, so a new URL cannot ship without someone deciding who may see it.

Outcomes, per viewer in the order of ``ROLES`` (anonymous, member of every group,
outsider who belongs to none, group moderator, superuser): a status code, ``login``
(a redirect to the log-in page) or ``redirect`` (any other redirect, e.g. after a POST
or for a signed-in visitor on the sign-up page). A secret group answers 404 to people
who are not in it; a private one shows its door but not its content (403).
"""

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests.quality.factories import ROLES, build_world
from tests.security.authz import outcome
from tests.security.walker import CASES, url_names

EXPECTED: dict[str, str] = {
    "healthz": "200 200 200 200 200",
    "document": "200 200 200 200 200",
    "document_password": "404 404 404 404 404",
    "api_schema": "200 200 200 200 200",
    "set_language": "redirect redirect redirect redirect redirect",
    "login": "200 redirect redirect redirect redirect",
    "logout": "redirect 200 200 200 200",
    "inactive": "200 200 200 200 200",
    "signup": "200 redirect redirect redirect redirect",
    "reauthenticate": "login 200 200 200 200",
    "reauthenticate_code": "login 200 200 200 200",
    "reauthenticate_code_confirm": "login redirect redirect redirect redirect",
    "email": "login 200 200 200 200",
    "email_sent": "200 200 200 200 200",
    "password_change": "login 200 200 200 200",
    "password_set": "login redirect redirect redirect redirect",
    "password_reset": "200 200 200 200 200",
    "login_code_confirm": "login redirect redirect redirect redirect",
    "confirm_email": "200 200 200 200 200",
    "confirm_email_forged": "200 200 200 200 200",
    "password_reset_key_done": "200 200 200 200 200",
    "password_reset_key_forged": "200 200 200 200 200",
    "password_reset_done": "200 200 200 200 200",
    "mfa_index": "login 200 200 200 200",
    "mfa_authenticate": "login redirect redirect redirect redirect",
    "mfa_reauthenticate": "login redirect redirect redirect redirect",
    "mfa_activate_totp": "login redirect redirect redirect redirect",
    "mfa_deactivate_totp": "login 404 404 404 404",
    "mfa_recovery_codes": "login 404 404 404 404",
    "mfa_recovery_generate": "login redirect redirect redirect redirect",
    "mfa_recovery_download": "login 404 404 404 404",
    "member_directory": "200 200 200 200 200",
    "profile_detail": "200 200 200 200 200",
    "profile_detail_missing": "404 404 404 404 404",
    "member_follow": "login redirect redirect redirect redirect",
    "profile_edit": "login 200 200 200 200",
    "following": "login 200 200 200 200",
    "group_list": "200 200 200 200 200",
    "group_create": "login 200 200 200 200",
    "notifications": "login 200 200 200 200",
    "unread_count": "401 200 200 200 200",
    "notifications_read_all": "login redirect redirect redirect redirect",
    "notification_open": "login redirect 404 404 404",
    "notification_read": "login redirect 404 404 404",
    "digest_unsubscribe": "200 200 200 200 200",
    "digest_unsubscribe_forged": "404 404 404 404 404",
    "account_data": "login 200 200 200 200",
    "account_export": "login 200 200 200 200",
    "account_delete": "login 400 400 400 400",
    "item_list": "200 200 200 200 200",
    "item_export": "200 200 200 200 200",
    "item_detail": "200 200 200 200 200",
    "recommendation_list": "200 200 200 200 200",
    "recommendation_export": "200 200 200 200 200",
    "recommendation_detail": "200 200 200 200 200",
    "api_item_list": "200 200 200 200 200",
    "api_item_detail": "200 200 200 200 200",
    "api_item_create": "405 405 405 405 405",
    "api_recommendation_list": "200 200 200 200 200",
    "api_recommendation_detail": "200 200 200 200 200",
    "sitemap": "200 200 200 200 200",
    "comment_post": "login 400 400 400 400",
    "comment_edit": "login 200 403 403 403",
    "comment_delete": "login 200 403 403 403",
    "comment_flag": "login 200 200 200 200",
    "comment_moderate": "login redirect redirect redirect redirect",
    "comment_moderation": "login 403 403 403 200",
    "comment_unfollow": "200 200 200 200 200",
    "search": "200 200 200 200 200",
    "autocomplete": "200 200 200 200 200",
    "api_search": "200 200 200 200 200",
    "api_related_item": "200 200 200 200 200",
    "api_related_unknown_type": "404 404 404 404 404",
    "wagtail_password": "404 404 404 404 404",
    "wagtail_login": "200 200 200 200 200",
    "home": "200 200 200 200 200",
    "case_study_index": "200 200 200 200 200",
    "case_study": "200 200 200 200 200",
    "tour": "200 200 200 200 200",
    "tour_stop": "200 200 200 200 200",
    "page_missing": "404 404 404 404 404",
    "group_detail[public]": "200 200 200 200 200",
    "group_detail[private]": "200 200 200 200 200",
    "group_detail[secret]": "404 200 404 200 200",
    "group_edit[public]": "login 403 403 403 200",
    "group_edit[private]": "login 403 403 403 200",
    "group_edit[secret]": "login 403 404 403 200",
    "group_join[public]": "login redirect redirect redirect redirect",
    "group_join[private]": "login redirect redirect redirect redirect",
    "group_join[secret]": "login redirect 404 redirect 403",
    "group_leave[public]": "login redirect redirect redirect redirect",
    "group_leave[private]": "login redirect redirect redirect redirect",
    "group_leave[secret]": "login redirect 404 redirect redirect",
    "group_follow[public]": "login redirect redirect redirect redirect",
    "group_follow[private]": "login redirect redirect redirect redirect",
    "group_follow[secret]": "login redirect 404 redirect redirect",
    "group_request_withdraw[public]": "login redirect redirect redirect redirect",
    "group_request_withdraw[private]": "login redirect redirect redirect redirect",
    "group_request_withdraw[secret]": "login redirect 404 redirect redirect",
    "group_members[public]": "200 200 200 200 200",
    "group_members[private]": "403 200 403 200 200",
    "group_members[secret]": "404 200 404 200 200",
    "group_member_action[public]": "login 403 403 redirect redirect",
    "group_member_action[private]": "login 403 403 redirect redirect",
    "group_member_action[secret]": "login 403 404 redirect redirect",
    "group_requests[public]": "login 403 403 200 200",
    "group_requests[private]": "login 403 403 200 200",
    "group_requests[secret]": "login 403 404 200 200",
    "group_request_decide[public]": "login 403 403 redirect redirect",
    "group_request_decide[private]": "login 403 403 redirect redirect",
    "group_request_decide[secret]": "login 403 404 redirect redirect",
    "group_invitations[public]": "login 403 403 200 200",
    "group_invitations[private]": "login 403 403 200 200",
    "group_invitations[secret]": "login 403 404 200 200",
    "group_invitation_revoke[public]": "login 403 403 redirect redirect",
    "group_invitation_revoke[private]": "login 403 403 redirect redirect",
    "group_invitation_revoke[secret]": "login 403 404 redirect redirect",
    "group_roster[public]": "login 403 403 200 200",
    "group_roster[private]": "login 403 403 200 200",
    "group_roster[secret]": "login 403 404 200 200",
    "cohort_certificates[public]": "login 403 403 200 200",
    "cohort_certificates[private]": "login 403 403 200 200",
    "cohort_certificates[secret]": "login 403 404 200 200",
    "badge_award[public]": "login 403 403 200 200",
    "badge_award[private]": "login 403 403 200 200",
    "badge_award[secret]": "login 403 404 200 200",
    "invitation_detail[public]": "200 200 200 200 200",
    "invitation_detail[private]": "200 200 200 200 200",
    "invitation_detail[secret]": "200 200 200 200 200",
    "invitation_detail[forged]": "404 404 404 404 404",
    "comment_moderate_remove": "login 403 403 403 redirect",
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole walk (building it takes seconds); each test runs in a
    savepoint inside it, so a POST never changes what the next test sees."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), transaction.atomic(), media:
        yield build_world()
        transaction.set_rollback(True)


def test_every_url_pattern_has_an_authorization_case():
    covered = {name for name, _build, _method in CASES.values()}
    assert sorted(url_names() - covered) == []


def test_every_case_has_an_expected_outcome_for_every_viewer():
    assert sorted(set(CASES) ^ set(EXPECTED)) == []
    assert all(len(row.split()) == len(ROLES) for row in EXPECTED.values())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", list(CASES))
def test_route_answers_each_viewer_as_the_table_says(world, case, role):
    expected = dict(zip(ROLES, EXPECTED[case].split(), strict=True))[role]
    assert outcome(Client(), world, case, role) == expected
