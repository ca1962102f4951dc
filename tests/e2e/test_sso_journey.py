"""A member of a partner organisation signs in with their organisation's OpenID Connect
provider (a real oidc-provider on loopback) and lands on their personal home, with the
organisation on their profile and the organisation's group joined."""

import re

from allauth.socialaccount.models import SocialApp
from django.contrib.sites.models import Site

from community.models import Membership, OrganisationSignIn, User
from tests.casestudies.factories import OrganisationFactory
from tests.community.factories import GroupFactory


def test_member_signs_in_with_their_organisation(page, site_server, start_oidc_provider):
    provider = start_oidc_provider(
        redirect_uris=[f"{site_server}/accounts/oidc/ministry/login/callback/"],
        post_logout_redirect_uris=[f"{site_server}/"],
    )
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="ministry",
        name="Ministry ID",
        client_id=provider.client_id,
        secret=provider.secret,
        settings={"server_url": provider.url},
    )
    app.sites.add(Site.objects.get_current())
    organisation = OrganisationFactory(name="Ministry of Labour", slug="ministry-of-labour")
    group = GroupFactory(name="Labour migration focal points", slug="focal-points")
    rule = OrganisationSignIn.objects.create(provider_id="ministry", organisation=organisation)
    rule.groups.add(group)

    page.goto(f"{site_server}/accounts/login/")
    page.get_by_role("button", name="Sign in with Ministry of Labour").click()

    page.wait_for_url(re.compile(rf"^{re.escape(provider.url)}/interaction/"))
    page.locator("input[name=login]").fill("amina.diallo@labour.example.gov")
    page.locator("input[name=password]").fill("at the provider")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url(f"{site_server}/")
    assert page.get_by_role("heading", name=re.compile("Welcome back")).is_visible()
    my_groups = page.locator("section", has=page.get_by_role("heading", name="My groups"))
    assert my_groups.get_by_role("link", name="Labour migration focal points").is_visible()

    user = User.objects.get(email="amina.diallo@labour.example.gov")
    assert Membership.objects.filter(user=user, group=group).exists()
    page.goto(f"{site_server}/members/{user.handle}/")
    assert page.get_by_text("Ministry of Labour").first.is_visible()

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(rf"^{re.escape(provider.url)}/session/end"))
