"""Badges for applied practice awarded from the site (issue #9): an organiser of a cohort
picks a member, the achievement, the evidence and a narrative; the badge is a signed
Open Badges 3.0 credential, the member is told in the site and by email, and the
verification page shows it. Bad input gets field errors; others get 403 or 404."""

import json

import pytest
from django.urls import reverse

from community.models import Group, Notification
from outcomes import services
from outcomes.models import Certificate
from outcomes.selectors.certificates import verify_credential
from tests.outcomes.factories import cohort

pytestmark = pytest.mark.django_db

EVIDENCE = "https://commons.example.org/case-studies/orientation-in-nairobi/"


@pytest.fixture
def alumni(db):
    return cohort(alumni=2, name="Labour migration course 2025")


def _url(group) -> str:
    return reverse("outcomes:badge_award", args=[group.slug])


def _data(recipient, **changes) -> dict[str, str]:
    data = {
        "recipient": recipient.handle,
        "achievement": Certificate.Achievement.CASE_STUDY,
        "title": "",
        "evidence_url": EVIDENCE,
        "description": "Wrote up the Nairobi orientation; two peers reviewed it.",
    }
    data.update(changes)
    return data


@pytest.fixture
def award(client, alumni, django_capture_on_commit_callbacks):
    """POST the form as the organiser, with the emails queued on commit delivered."""
    group, organiser, _members = alumni
    client.force_login(organiser)

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(_url(group), data)

    return post


def test_badge_form_offers_the_members_of_the_cohort_only(client, alumni, other_member):
    group, organiser, members = alumni
    client.force_login(organiser)

    response = client.get(_url(group))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Award a badge for applied practice" in body
    assert f"Alumna 0 (@{members[0].handle})" in body
    assert f"Alumna 1 (@{members[1].handle})" in body
    assert other_member.handle not in body
    assert '<label for="id_evidence_url">Evidence (web address)</label>' in body


def test_organiser_awards_a_badge_that_the_verification_page_shows(award, alumni, client):
    _group, _organiser, members = alumni

    response = award(_data(members[0]))

    badge = Certificate.objects.get(kind=Certificate.Kind.BADGE)
    assert response.status_code == 302
    assert response.url == badge.get_absolute_url()
    page = client.get(badge.get_absolute_url()).content.decode()
    assert "Peer-reviewed case study contributed" in page
    assert "Alumna 0" in page
    assert f'href="{EVIDENCE}"' in page
    assert "Wrote up the Nairobi orientation; two peers reviewed it." in page
    assert "Valid" in page


def test_awarded_badge_is_a_signed_open_badge_with_its_evidence(award, alumni):
    _group, _organiser, members = alumni
    award(_data(members[0]))

    badge = Certificate.objects.get(kind=Certificate.Kind.BADGE)
    document = badge.credential
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Badge"
    assert achievement["name"] == "Peer-reviewed case study contributed"
    assert document["evidence"] == [
        {
            "id": EVIDENCE,
            "type": ["Evidence"],
            "name": "Peer-reviewed case study contributed",
            "narrative": "Wrote up the Nairobi orientation; two peers reviewed it.",
        }
    ]
    assert verify_credential(json.dumps(document)).status == "valid"


def test_verify_api_reports_an_awarded_badge_as_valid(award, alumni, client):
    award(_data(alumni[2][1]))
    badge = Certificate.objects.get(kind=Certificate.Kind.BADGE)

    response = client.post(
        reverse("outcomes:verify"),
        data=json.dumps(badge.credential),
        content_type="application/json",
    )

    assert response.json()["status"] == "valid"
    assert response.json()["certificate"].endswith(badge.get_absolute_url())


def test_recipient_of_a_badge_gets_a_notification_and_an_email(award, alumni, mailoutbox):
    _group, _organiser, members = alumni
    award(_data(members[0]))

    badge = Certificate.objects.get(kind=Certificate.Kind.BADGE)
    notification = Notification.objects.get(recipient=members[0])
    assert notification.title == "You received: Peer-reviewed case study contributed"
    assert notification.url == badge.get_absolute_url()
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [members[0].email]
    assert email.subject == "You have been awarded a badge: Peer-reviewed case study contributed"
    assert badge.get_absolute_url() in email.body
    assert EVIDENCE in email.body


def test_badge_with_its_own_name_uses_it(award, alumni):
    award(
        _data(
            alumni[2][0],
            achievement=Certificate.Achievement.OTHER,
            title="Ran the first municipal migrant desk",
        )
    )

    badge = Certificate.objects.get(kind=Certificate.Kind.BADGE)
    assert badge.title == "Ran the first municipal migrant desk"
    assert badge.achievement == Certificate.Achievement.OTHER


def test_other_achievement_without_a_name_is_refused(award, alumni):
    response = award(_data(alumni[2][0], achievement=Certificate.Achievement.OTHER))

    assert response.status_code == 400
    assert "Name the achievement this badge recognises." in response.content.decode()
    assert not Certificate.objects.exists()


def test_badge_for_someone_outside_the_cohort_is_refused(award, other_member):
    response = award(_data(other_member))

    assert response.status_code == 400
    assert "Choose a member of this cohort." in response.content.decode()
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    "evidence", ["javascript:alert(1)", "ftp://files.example.org/case.pdf", "not a url at all"]
)
def test_evidence_that_is_not_a_web_address_is_refused(award, alumni, evidence):
    response = award(_data(alumni[2][0], evidence_url=evidence))

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_evidence_url-errors"' in body
    assert not Certificate.objects.exists()


def test_the_same_badge_twice_is_refused(award, alumni):
    award(_data(alumni[2][0]))

    response = award(_data(alumni[2][0]))

    assert response.status_code == 400
    assert "Alumna 0 already holds this badge for this cohort." in response.content.decode()
    assert Certificate.objects.count() == 1


def test_a_revoked_badge_can_be_awarded_again(award, alumni):
    _group, organiser, members = alumni
    award(_data(members[0]))
    services.certificate_revoke(
        certificate=Certificate.objects.get(), by=organiser, reason="Wrong cohort"
    )

    response = award(_data(members[0]))

    assert response.status_code == 302
    assert Certificate.objects.filter(revoked_at__isnull=True).count() == 1


def test_staff_who_can_see_the_cohort_award_badges(client, alumni, staff):
    group, _organiser, members = alumni
    client.force_login(staff)

    response = client.post(_url(group), _data(members[1]))

    assert response.status_code == 302
    assert Certificate.objects.get().issued_by == staff


def test_plain_member_of_the_cohort_may_not_award_badges(client, alumni):
    group, _organiser, members = alumni
    client.force_login(members[0])

    assert client.get(_url(group)).status_code == 403
    assert client.post(_url(group), _data(members[1])).status_code == 403
    assert not Certificate.objects.exists()


def test_outsider_does_not_learn_that_a_secret_cohort_exists(client, other_member):
    group, _organiser, _members = cohort(alumni=1, privacy=Group.Privacy.SECRET)
    client.force_login(other_member)

    assert client.get(_url(group)).status_code == 404


def test_visitor_is_asked_to_log_in(client, alumni):
    response = client.get(_url(alumni[0]))

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_badge_whose_evidence_is_one_of_our_case_studies_links_to_it(
    award, alumni, client, public_site
):
    from tests.casestudies.factories import CaseStudyPageFactory

    case_study = CaseStudyPageFactory(title="Orientation for domestic workers in Nairobi")
    award(_data(alumni[2][0], evidence_url=case_study.full_url))

    badge = Certificate.objects.get()
    assert badge.case_study_id == case_study.pk
    page = client.get(badge.get_absolute_url()).content.decode()
    assert f'<a href="{case_study.url}">Orientation for domestic workers in Nairobi</a>' in page


def test_evidence_on_the_sites_public_address_links_to_the_case_study(award, alumni, settings):
    from tests.casestudies.factories import CaseStudyPageFactory

    settings.SITE_URL = "https://commons.example.org"
    case_study = CaseStudyPageFactory(title="Orientation for domestic workers in Nairobi")
    award(_data(alumni[2][0], evidence_url="https://commons.example.org" + case_study.url))

    assert Certificate.objects.get().case_study_id == case_study.pk


def test_evidence_on_another_host_with_the_same_path_is_not_our_case_study(award, alumni):
    from tests.casestudies.factories import CaseStudyPageFactory

    case_study = CaseStudyPageFactory(title="Orientation for domestic workers in Nairobi")
    award(_data(alumni[2][0], evidence_url="https://elsewhere.example" + case_study.url))

    badge = Certificate.objects.get()
    assert badge.case_study_id is None
    assert badge.credential["evidence"][0]["id"] == "https://elsewhere.example" + case_study.url
