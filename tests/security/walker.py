"""Shared by the authorization and CSRF suites: every URL pattern of the site, and a
concrete URL for each, built from the objects of :func:`tests.quality.factories.build_world`."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from community.models import Profile
from community.services.invitations import invitation_token
from community.storage import private_storage
from outcomes.links import make_token
from tests.quality.factories import World, email_confirmation_key, home_page, tokens

# Internals reached only through their entry page: Wagtail's and Django's admin have
# their own permission systems and test suites; static and media are files.
EXCLUDED_PREFIXES = ("admin/", "django-admin/", "static/", "media/")


def url_names() -> set[str]:
    """The name of every routed pattern outside the excluded internals."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or route)
                yield route, name

    return {
        name
        for route, name in walk(get_resolver().url_patterns, "", "")
        if not route.startswith(EXCLUDED_PREFIXES)
    }


Builder = Callable[[World], str]


def _group(name: str, privacy: str, **extra) -> Builder:
    return lambda w: reverse(name, kwargs={"slug": w.groups[privacy].slug, **extra})


def _group_with(name: str, privacy: str, kwarg: str, getter: Callable[[World, str], object]):
    return lambda w: reverse(
        name, kwargs={"slug": w.groups[privacy].slug, kwarg: getter(w, privacy)}
    )


def _document(w: World) -> str:
    """Each test has its own MEDIA_ROOT, so the file is put back where this test looks."""
    if not default_storage.exists(w.document.file.name):
        default_storage.save(w.document.file.name, ContentFile(b"A toolkit."))
    return reverse("wagtaildocs_serve", args=[w.document.pk, w.document.filename])


def _avatar(visibility: str) -> Builder:
    """The member's picture with the given "who sees it"; each test has its own
    PRIVATE_MEDIA_ROOT, and the profile change rolls back with the test."""

    def build(w: World) -> str:
        member = w.users["member"]
        name = private_storage().save(
            f"avatars/{member.pk}/walker.png", ContentFile(b"\x89PNG\r\n\x1a\n")
        )
        Profile.objects.filter(user=member).update(avatar=name, avatar_visibility=visibility)
        return reverse("community:member_avatar", args=[member.handle])

    return build


def _tour_stop(w: World) -> str:
    return w.tour.stop_url(1)


@functools.cache
def _walker_certificate() -> str:
    from tests.community.sso_providers import self_signed_certificate

    return self_signed_certificate()[1]


def _sso_apps() -> None:
    """One OpenID Connect and one SAML provider, as staff would add them in the admin.
    Their addresses point at nothing: no route below reaches the provider."""
    from allauth.socialaccount.models import SocialApp
    from django.contrib.sites.models import Site

    oidc, _ = SocialApp.objects.get_or_create(
        provider="openid_connect",
        provider_id="walker-oidc",
        defaults={
            "name": "Walker ID",
            "client_id": "walker",
            "secret": "walker-secret",
            "settings": {"server_url": "http://127.0.0.1:9/"},
        },
    )
    saml, _ = SocialApp.objects.get_or_create(
        provider="saml",
        provider_id="walker-saml",
        defaults={
            "name": "Walker SAML",
            "client_id": "walker-saml",
            "settings": {
                "idp": {
                    "entity_id": "http://127.0.0.1:9/metadata",
                    "sso_url": "http://127.0.0.1:9/sso",
                    "x509cert": _walker_certificate(),
                },
                "sp": {"entity_id": "https://practice-commons.test/saml/sp"},
                "advanced": {"allow_single_label_domains": True},
            },
        },
    )
    site = Site.objects.get_current()
    oidc.sites.add(site)
    saml.sites.add(site)


def _oidc(name: str) -> Builder:
    def build(w: World) -> str:
        _sso_apps()
        return reverse(name, args=["walker-oidc"])

    return build


def _saml(name: str) -> Builder:
    def build(w: World) -> str:
        _sso_apps()
        return reverse(name, args=["walker-saml"])

    return build


# case id -> (URL name it exercises, URL builder, method)
CASES: dict[str, tuple[str, Builder, str]] = {
    "healthz": ("healthz", lambda w: reverse("healthz"), "GET"),
    "document": (
        "wagtaildocs_serve",
        _document,
        "GET",
    ),
    "document_password": (
        "wagtaildocs_authenticate_with_password",
        lambda w: reverse("wagtaildocs_authenticate_with_password", args=[999999]),
        "GET",
    ),
    "api_schema": ("api:schema", lambda w: reverse("api:schema"), "GET"),
    "set_language": ("set_language", lambda w: reverse("set_language"), "GET"),
    # Accounts (allauth)
    "login": ("account_login", lambda w: reverse("account_login"), "GET"),
    "logout": ("account_logout", lambda w: reverse("account_logout"), "GET"),
    "inactive": ("account_inactive", lambda w: reverse("account_inactive"), "GET"),
    "signup": ("account_signup", lambda w: reverse("account_signup"), "GET"),
    "reauthenticate": (
        "account_reauthenticate",
        lambda w: reverse("account_reauthenticate"),
        "GET",
    ),
    "reauthenticate_code": (
        "account_request_reauthentication_code",
        lambda w: reverse("account_request_reauthentication_code"),
        "GET",
    ),
    "reauthenticate_code_confirm": (
        "account_confirm_reauthentication_code",
        lambda w: reverse("account_confirm_reauthentication_code"),
        "GET",
    ),
    "email": ("account_email", lambda w: reverse("account_email"), "GET"),
    "email_sent": (
        "account_email_verification_sent",
        lambda w: reverse("account_email_verification_sent"),
        "GET",
    ),
    "password_change": (
        "account_change_password",
        lambda w: reverse("account_change_password"),
        "GET",
    ),
    "password_set": ("account_set_password", lambda w: reverse("account_set_password"), "GET"),
    "password_reset": (
        "account_reset_password",
        lambda w: reverse("account_reset_password"),
        "GET",
    ),
    "login_code_confirm": (
        "account_confirm_login_code",
        lambda w: reverse("account_confirm_login_code"),
        "GET",
    ),
    "confirm_email": (
        "account_confirm_email",
        lambda w: reverse(
            "account_confirm_email", args=[email_confirmation_key(w.users["member"])]
        ),
        "GET",
    ),
    "confirm_email_forged": (
        "account_confirm_email",
        lambda w: reverse("account_confirm_email", args=["forged-key"]),
        "GET",
    ),
    "password_reset_key_done": (
        "account_reset_password_from_key_done",
        lambda w: reverse("account_reset_password_from_key_done"),
        "GET",
    ),
    "password_reset_key_forged": (
        "account_reset_password_from_key",
        lambda w: reverse("account_reset_password_from_key", args=["2", "forged-key"]),
        "GET",
    ),
    "password_reset_done": (
        "account_reset_password_done",
        lambda w: reverse("account_reset_password_done"),
        "GET",
    ),
    "mfa_index": ("mfa_index", lambda w: reverse("mfa_index"), "GET"),
    "mfa_authenticate": ("mfa_authenticate", lambda w: reverse("mfa_authenticate"), "GET"),
    "mfa_reauthenticate": ("mfa_reauthenticate", lambda w: reverse("mfa_reauthenticate"), "GET"),
    "mfa_activate_totp": ("mfa_activate_totp", lambda w: reverse("mfa_activate_totp"), "GET"),
    "mfa_deactivate_totp": ("mfa_deactivate_totp", lambda w: reverse("mfa_deactivate_totp"), "GET"),
    "mfa_recovery_codes": (
        "mfa_view_recovery_codes",
        lambda w: reverse("mfa_view_recovery_codes"),
        "GET",
    ),
    "mfa_recovery_generate": (
        "mfa_generate_recovery_codes",
        lambda w: reverse("mfa_generate_recovery_codes"),
        "GET",
    ),
    "mfa_recovery_download": (
        "mfa_download_recovery_codes",
        lambda w: reverse("mfa_download_recovery_codes"),
        "GET",
    ),
    # Single sign-on (allauth socialaccount; community.oidc for OpenID Connect)
    "sso_connections": (
        "socialaccount_connections",
        lambda w: reverse("socialaccount_connections"),
        "GET",
    ),
    "sso_signup": ("socialaccount_signup", lambda w: reverse("socialaccount_signup"), "GET"),
    "sso_cancelled": (
        "socialaccount_login_cancelled",
        lambda w: reverse("socialaccount_login_cancelled"),
        "GET",
    ),
    "sso_error": (
        "socialaccount_login_error",
        lambda w: reverse("socialaccount_login_error"),
        "GET",
    ),
    "sso_legacy_cancelled": (
        "accounts/social/login/cancelled/",
        lambda w: "/accounts/social/login/cancelled/",
        "GET",
    ),
    "sso_legacy_error": (
        "accounts/social/login/error/",
        lambda w: "/accounts/social/login/error/",
        "GET",
    ),
    "sso_legacy_signup": (
        "accounts/social/signup/",
        lambda w: "/accounts/social/signup/",
        "GET",
    ),
    "sso_legacy_connections": (
        "accounts/social/connections/",
        lambda w: "/accounts/social/connections/",
        "GET",
    ),
    "oidc_login": ("openid_connect_login", _oidc("openid_connect_login"), "GET"),
    "oidc_callback": ("openid_connect_callback", _oidc("openid_connect_callback"), "GET"),
    "oidc_login_missing": (
        "openid_connect_login",
        lambda w: reverse("openid_connect_login", args=["no-such-provider"]),
        "GET",
    ),
    "saml_login": ("saml_login", _saml("saml_login"), "GET"),
    "saml_acs": ("saml_acs", _saml("saml_acs"), "GET"),
    "saml_finish_acs": ("saml_finish_acs", _saml("saml_finish_acs"), "GET"),
    "saml_sls": ("saml_sls", _saml("saml_sls"), "GET"),
    "saml_metadata": ("saml_metadata", _saml("saml_metadata"), "GET"),
    "saml_missing": (
        "saml_metadata",
        lambda w: reverse("saml_metadata", args=["no-such-organisation"]),
        "GET",
    ),
    # Members and profiles
    "member_directory": (
        "community:member_directory",
        lambda w: reverse("community:member_directory"),
        "GET",
    ),
    "profile_detail": (
        "community:profile_detail",
        lambda w: reverse("community:profile_detail", args=[w.users["member"].handle]),
        "GET",
    ),
    "profile_detail_missing": (
        "community:profile_detail",
        lambda w: reverse("community:profile_detail", args=["nobody-here"]),
        "GET",
    ),
    "member_follow": (
        "community:member_follow",
        lambda w: reverse("community:member_follow", args=[w.users["member"].handle]),
        "POST",
    ),
    "member_avatar[everyone]": ("community:member_avatar", _avatar("everyone"), "GET"),
    "member_avatar[members]": ("community:member_avatar", _avatar("members"), "GET"),
    "member_avatar[nobody]": ("community:member_avatar", _avatar("nobody"), "GET"),
    "profile_edit": ("community:profile_edit", lambda w: reverse("community:profile_edit"), "GET"),
    "following": ("community:following", lambda w: reverse("community:following"), "GET"),
    "follow[member]": (
        "community:follow",
        lambda w: reverse("community:follow", args=["member", w.users["member"].pk]),
        "POST",
    ),
    "follow[case-study]": (
        "community:follow",
        lambda w: reverse("community:follow", args=["case-study", w.case_study.pk]),
        "POST",
    ),
    "follow[inventory-item]": (
        "community:follow",
        lambda w: reverse("community:follow", args=["inventory-item", w.item.pk]),
        "POST",
    ),
    "follow[unknown-kind]": (
        "community:follow",
        lambda w: reverse("community:follow", args=["recipe", 1]),
        "POST",
    ),
    "group_list": ("community:group_list", lambda w: reverse("community:group_list"), "GET"),
    "group_create": ("community:group_create", lambda w: reverse("community:group_create"), "GET"),
    # Notifications and leaving
    "notifications": (
        "community:notifications",
        lambda w: reverse("community:notifications"),
        "GET",
    ),
    "unread_count": ("community:unread_count", lambda w: reverse("community:unread_count"), "GET"),
    "notifications_read_all": (
        "community:notifications_read_all",
        lambda w: reverse("community:notifications_read_all"),
        "POST",
    ),
    "notification_open": (
        "community:notification_open",
        lambda w: reverse("community:notification_open", args=[w.notification.pk]),
        "GET",
    ),
    "notification_read": (
        "community:notification_read",
        lambda w: reverse("community:notification_read", args=[w.notification.pk]),
        "POST",
    ),
    "digest_unsubscribe": (
        "community:digest_unsubscribe",
        lambda w: reverse("community:digest_unsubscribe", args=[tokens(w)["digest"]]),
        "GET",
    ),
    "digest_unsubscribe_forged": (
        "community:digest_unsubscribe",
        lambda w: reverse("community:digest_unsubscribe", args=["forged"]),
        "GET",
    ),
    "account_data": ("community:account_data", lambda w: reverse("community:account_data"), "GET"),
    "account_export": (
        "community:account_export",
        lambda w: reverse("community:account_export"),
        "GET",
    ),
    "account_export_page": (
        "community:account_export_page",
        lambda w: reverse("community:account_export_page"),
        "GET",
    ),
    "account_delete": (
        "community:account_delete",
        lambda w: reverse("community:account_delete"),
        "POST",
    ),
    # Inventory
    "item_list": ("inventory:item_list", lambda w: reverse("inventory:item_list"), "GET"),
    "item_export": (
        "inventory:item_export",
        lambda w: reverse("inventory:item_export", args=["csv"]),
        "GET",
    ),
    "item_detail": (
        "inventory:item_detail",
        lambda w: reverse("inventory:item_detail", args=[w.item.external_id]),
        "GET",
    ),
    "recommendation_list": (
        "inventory:recommendation_list",
        lambda w: reverse("inventory:recommendation_list"),
        "GET",
    ),
    "recommendation_export": (
        "inventory:recommendation_export",
        lambda w: reverse("inventory:recommendation_export", args=["json"]),
        "GET",
    ),
    "recommendation_detail": (
        "inventory:recommendation_detail",
        lambda w: reverse("inventory:recommendation_detail", args=[w.recommendation.external_id]),
        "GET",
    ),
    "api_item_list": (
        "api:item-list",
        lambda w: reverse("api:item-list"),
        "GET",
    ),
    "api_item_detail": (
        "api:item-detail",
        lambda w: reverse("api:item-detail", args=[w.item.external_id]),
        "GET",
    ),
    "api_item_create": (
        "api:item-list",
        lambda w: reverse("api:item-list"),
        "POST",
    ),
    "api_recommendation_list": (
        "api:recommendation-list",
        lambda w: reverse("api:recommendation-list"),
        "GET",
    ),
    "api_recommendation_detail": (
        "api:recommendation-detail",
        lambda w: reverse("api:recommendation-detail", args=[w.recommendation.external_id]),
        "GET",
    ),
    # The API is mounted once, outside the language prefixes: /fr/api/… is no route.
    "api_item_list[fr]": ("api:item-list", lambda w: "/fr" + reverse("api:item-list"), "GET"),
    "api_search[fr]": ("api:search", lambda w: "/fr" + reverse("api:search"), "GET"),
    # Case studies: comments and sitemap
    "sitemap": ("casestudies:sitemap", lambda w: reverse("casestudies:sitemap"), "GET"),
    "comment_post": (
        "casestudies:comment_post",
        lambda w: reverse("casestudies:comment_post", args=[w.case_study.pk]),
        "POST",
    ),
    "comment_edit": (
        "casestudies:comment_edit",
        lambda w: reverse("casestudies:comment_edit", args=[w.comment.pk]),
        "GET",
    ),
    "comment_delete": (
        "casestudies:comment_delete",
        lambda w: reverse("casestudies:comment_delete", args=[w.comment.pk]),
        "GET",
    ),
    "comment_flag": (
        "casestudies:comment_flag",
        lambda w: reverse("casestudies:comment_flag", args=[w.comment.pk]),
        "GET",
    ),
    "comment_moderate": (
        "casestudies:comment_moderate",
        lambda w: reverse("casestudies:comment_moderate", args=[w.comment.pk]),
        "POST",
    ),
    "comment_moderate_remove": (
        "casestudies:comment_moderate",
        lambda w: reverse("casestudies:comment_moderate", args=[w.comment.pk]),
        "POST",
    ),
    "comment_moderation": (
        "casestudies:comment_moderation",
        lambda w: reverse("casestudies:comment_moderation"),
        "GET",
    ),
    "comment_unfollow": (
        "casestudies:comment_unfollow",
        lambda w: reverse("casestudies:comment_unfollow", args=[tokens(w)["unfollow"]]),
        "GET",
    ),
    # Search
    "search": ("search:search", lambda w: reverse("search:search") + "?q=orientation", "GET"),
    "autocomplete": (
        "search:autocomplete",
        lambda w: reverse("search:autocomplete") + "?q=ori",
        "GET",
    ),
    "api_search": (
        "api:search",
        lambda w: reverse("api:search") + "?q=orientation",
        "GET",
    ),
    "api_related_item": (
        "api:related",
        lambda w: reverse("api:related", args=["inventoryitem", w.item.pk]),
        "GET",
    ),
    "api_related_unknown_type": (
        "api:related",
        lambda w: reverse("api:related", args=["nonsense", 1]),
        "GET",
    ),
    # Wagtail front end
    "wagtail_password": (
        "wagtailcore_authenticate_with_password",
        lambda w: reverse("wagtailcore_authenticate_with_password", args=[999999, home_page().pk]),
        "GET",
    ),
    "wagtail_login": ("wagtailcore_login", lambda w: reverse("wagtailcore_login"), "GET"),
    "home": ("wagtail_serve", lambda w: "/", "GET"),
    "case_study_index": ("wagtail_serve", lambda w: w.case_study.get_parent().url, "GET"),
    "case_study": ("wagtail_serve", lambda w: w.case_study.url, "GET"),
    "tour": ("wagtail_serve", lambda w: w.tour.url, "GET"),
    "tour_stop": ("wagtail_serve", _tour_stop, "GET"),
    "page_missing": ("wagtail_serve", lambda w: "/no-such-page/", "GET"),
}

# What a POST case sends (others send an empty form).
POST_DATA: dict[str, dict[str, str]] = {"comment_moderate_remove": {"action": "remove"}}

# Group routes are checked against a public, a private and a secret group.
_GROUP_ROUTES: dict[str, tuple[str, str, Callable | None, str]] = {
    "group_detail": ("community:group_detail", "", None, "GET"),
    "group_edit": ("community:group_edit", "", None, "GET"),
    "group_join": ("community:group_join", "", None, "POST"),
    "group_leave": ("community:group_leave", "", None, "POST"),
    "group_follow": ("community:group_follow", "", None, "POST"),
    "group_request_withdraw": ("community:group_request_withdraw", "", None, "POST"),
    "group_members": ("community:group_members", "", None, "GET"),
    "group_member_action": (
        "community:group_member_action",
        "handle",
        lambda w, p: w.owner.handle,
        "POST",
    ),
    "group_requests": ("community:group_requests", "", None, "GET"),
    "group_request_decide": (
        "community:group_request_decide",
        "pk",
        lambda w, p: w.join_requests[p].pk,
        "POST",
    ),
    "group_invitations": ("community:group_invitations", "", None, "GET"),
    "group_invitation_revoke": (
        "community:group_invitation_revoke",
        "pk",
        lambda w, p: w.invitations[p].pk,
        "POST",
    ),
    "group_roster": ("community:group_roster", "", None, "GET"),
    "group_category_create": ("forums:group_category_create", "", None, "GET"),
    "group_room_create": ("forums:group_room_create", "", None, "GET"),
    "cohort_certificates": ("outcomes:cohort_certificates_issue", "", None, "GET"),
    "badge_award": ("outcomes:badge_award", "", None, "GET"),
}
for _case, (_name, _kwarg, _getter, _method) in _GROUP_ROUTES.items():
    for _privacy in ("public", "private", "secret"):
        _builder = (
            _group_with(_name, _privacy, _kwarg, _getter) if _kwarg else _group(_name, _privacy)
        )
        CASES[f"{_case}[{_privacy}]"] = (_name, _builder, _method)
for _privacy in ("public", "private", "secret"):
    CASES[f"invitation_detail[{_privacy}]"] = (
        "community:invitation_detail",
        (
            lambda p: (
                lambda w: reverse(
                    "community:invitation_detail", args=[invitation_token(w.invitations[p])]
                )
            )
        )(_privacy),
        "GET",
    )
CASES["invitation_detail[forged]"] = (
    "community:invitation_detail",
    lambda w: reverse("community:invitation_detail", args=["forged"]),
    "GET",
)


def _attachment(w: World, p: str) -> str:
    """Like documents, attachment files are put back in this test's MEDIA_ROOT."""
    attachment = w.attachments[p]
    if not default_storage.exists(attachment.file.name):
        default_storage.save(attachment.file.name, ContentFile(b"An agenda."))
    return reverse("forums:attachment", args=[attachment.pk])


def _answer_token(w: World, p: str) -> str:
    return reverse("outcomes:answer", args=[make_token(w.follow_up_invitations[p])])


# Forum and outcomes routes are checked in the site-wide ("public") forum and the private
# and secret groups' forums, and for the public, private and secret cohorts.
# case -> (URL name, URL builder for a privacy, method)
_PRIVACY_ROUTES: dict[str, tuple[str, Callable[[World, str], str], str]] = {
    "category_detail": (
        "forums:category_detail",
        lambda w, p: reverse("forums:category_detail", args=[w.categories[p].slug]),
        "GET",
    ),
    "topic_create": (
        "forums:topic_create",
        lambda w, p: reverse("forums:topic_create", args=[w.categories[p].slug]),
        "GET",
    ),
    "follow_group": (
        "community:follow",
        lambda w, p: reverse("community:follow", args=["group", w.groups[p].pk]),
        "POST",
    ),
    "follow_category": (
        "community:follow",
        lambda w, p: reverse("community:follow", args=["category", w.categories[p].pk]),
        "POST",
    ),
    "follow_topic": (
        "community:follow",
        lambda w, p: reverse("community:follow", args=["topic", w.topics[p].pk]),
        "POST",
    ),
    "category_watch": (
        "forums:category_watch",
        lambda w, p: reverse("forums:category_watch", args=[w.categories[p].slug]),
        "POST",
    ),
    "topic_detail": ("forums:topic_detail", lambda w, p: w.topics[p].get_absolute_url(), "GET"),
    "topic_detail_short": (
        "forums:topic_detail_short",
        lambda w, p: reverse("forums:topic_detail_short", args=[w.topics[p].pk]),
        "GET",
    ),
    "post_create": (
        "forums:post_create",
        lambda w, p: reverse("forums:post_create", args=[w.topics[p].pk]),
        "POST",
    ),
    "topic_watch": (
        "forums:topic_watch",
        lambda w, p: reverse("forums:topic_watch", args=[w.topics[p].pk]),
        "POST",
    ),
    "topic_moderate": (
        "forums:topic_moderate",
        lambda w, p: reverse("forums:topic_moderate", args=[w.topics[p].pk]),
        "POST",
    ),
    "topic_split": (
        "forums:topic_split",
        lambda w, p: reverse("forums:topic_split", args=[w.topics[p].pk]),
        "POST",
    ),
    "post_permalink": (
        "forums:post_permalink",
        lambda w, p: reverse("forums:post_permalink", args=[w.replies[p].pk]),
        "GET",
    ),
    "post_edit": (
        "forums:post_edit",
        lambda w, p: reverse("forums:post_edit", args=[w.topics[p].posts.earliest("pk").pk]),
        "GET",
    ),
    "post_react": (
        "forums:post_react",
        lambda w, p: reverse("forums:post_react", args=[w.replies[p].pk]),
        "POST",
    ),
    "post_accept": (
        "forums:post_accept",
        lambda w, p: reverse("forums:post_accept", args=[w.replies[p].pk]),
        "POST",
    ),
    "post_flag": (
        "forums:post_flag",
        lambda w, p: reverse("forums:post_flag", args=[w.replies[p].pk]),
        "GET",
    ),
    "post_hide": (
        "forums:post_hide",
        lambda w, p: reverse("forums:post_hide", args=[w.replies[p].pk]),
        "GET",
    ),
    "post_history": (
        "forums:post_history",
        lambda w, p: reverse("forums:post_history", args=[w.replies[p].pk]),
        "GET",
    ),
    "attachment": ("forums:attachment", _attachment, "GET"),
    "flag_resolve": (
        "forums:flag_resolve",
        lambda w, p: reverse("forums:flag_resolve", args=[w.flags[p].pk]),
        "POST",
    ),
    "room_detail": (
        "forums:room_detail",
        lambda w, p: reverse("forums:room_detail", args=[w.rooms[p].slug]),
        "GET",
    ),
    "room_post": (
        "forums:room_post",
        lambda w, p: reverse("forums:room_post", args=[w.rooms[p].slug]),
        "POST",
    ),
    "room_message_hide": (
        "forums:room_message_hide",
        lambda w, p: reverse(
            "forums:room_message_hide", args=[w.rooms[p].slug, w.room_messages[p].pk]
        ),
        "POST",
    ),
    "answer": ("outcomes:answer", _answer_token, "GET"),
    "cohort_follow_up": (
        "outcomes:cohort_follow_up",
        lambda w, p: reverse("outcomes:cohort_follow_up", args=[w.groups[p].slug]),
        "GET",
    ),
    "cohort_certificates_issue": (
        "outcomes:cohort_certificates_issue",
        lambda w, p: reverse("outcomes:cohort_certificates_issue", args=[w.groups[p].slug]),
        "POST",
    ),
    "questionnaire_edit": (
        "outcomes:questionnaire_edit",
        lambda w, p: reverse("outcomes:questionnaire_edit", args=[w.questionnaires[p].pk]),
        "GET",
    ),
    "cohort_dashboard": (
        "outcomes:cohort_dashboard",
        lambda w, p: reverse("outcomes:cohort_dashboard", args=[w.groups[p].slug]),
        "GET",
    ),
    "cohort_dashboard_csv": (
        "outcomes:cohort_dashboard_csv",
        lambda w, p: reverse("outcomes:cohort_dashboard_csv", args=[w.groups[p].slug]),
        "GET",
    ),
    "cohort_responses": (
        "outcomes:cohort_responses",
        lambda w, p: reverse("outcomes:cohort_responses", args=[w.groups[p].slug]),
        "GET",
    ),
    "course_dashboard": (
        "outcomes:course_dashboard",
        lambda w, p: reverse("outcomes:course_dashboard", args=[w.groups[p].course.external_id]),
        "GET",
    ),
    "course_dashboard_csv": (
        "outcomes:course_dashboard_csv",
        lambda w, p: reverse(
            "outcomes:course_dashboard_csv", args=[w.groups[p].course.external_id]
        ),
        "GET",
    ),
    "framework_detail": (
        "outcomes:framework_detail",
        lambda w, p: reverse("outcomes:framework_detail", args=[w.frameworks[p].pk]),
        "GET",
    ),
    "certificate_detail": (
        "outcomes:certificate_detail",
        lambda w, p: reverse("outcomes:certificate_detail", args=[w.certificates[p].uuid]),
        "GET",
    ),
    "certificate_json": (
        "outcomes:certificate_json",
        lambda w, p: reverse("outcomes:certificate_json", args=[str(w.certificates[p].uuid)]),
        "GET",
    ),
    "certificate_revoke": (
        "outcomes:certificate_revoke",
        lambda w, p: reverse("outcomes:certificate_revoke", args=[w.certificates[p].uuid]),
        "POST",
    ),
}
for _case, (_name, _build, _method) in _PRIVACY_ROUTES.items():
    for _privacy in ("public", "private", "secret"):
        CASES[f"{_case}[{_privacy}]"] = (
            _name,
            (lambda b, p: lambda w: b(w, p))(_build, _privacy),
            _method,
        )

CASES.update(
    {
        "forum_index": ("forums:index", lambda w: reverse("forums:index"), "GET"),
        "flag_queue": ("forums:flag_queue", lambda w: reverse("forums:flag_queue"), "GET"),
        "moderation_log": (
            "forums:moderation_log",
            lambda w: reverse("forums:moderation_log"),
            "GET",
        ),
        "room_list": ("forums:room_list", lambda w: reverse("forums:room_list"), "GET"),
        "category_missing": (
            "forums:category_detail",
            lambda w: reverse("forums:category_detail", args=["no-such-forum"]),
            "GET",
        ),
        "topic_missing": (
            "forums:topic_detail_short",
            lambda w: reverse("forums:topic_detail_short", args=[999999]),
            "GET",
        ),
        "answer[forged]": (
            "outcomes:answer",
            lambda w: reverse("outcomes:answer", args=["forged-token"]),
            "GET",
        ),
        "my_follow_ups": (
            "outcomes:my_follow_ups",
            lambda w: reverse("outcomes:my_follow_ups"),
            "GET",
        ),
        "outcomes_dashboard": (
            "outcomes:dashboard",
            lambda w: reverse("outcomes:dashboard"),
            "GET",
        ),
        "replications": (
            "outcomes:replications",
            lambda w: reverse("outcomes:replications"),
            "GET",
        ),
        "need_list": ("outcomes:need_list", lambda w: reverse("outcomes:need_list"), "GET"),
        "need_create": ("outcomes:need_create", lambda w: reverse("outcomes:need_create"), "GET"),
        "need_create_post": (
            "outcomes:need_create",
            lambda w: reverse("outcomes:need_create"),
            "POST",
        ),
        "gap_map": ("outcomes:gap_map", lambda w: reverse("outcomes:gap_map"), "GET"),
        "need_detail": (
            "outcomes:need_detail",
            lambda w: reverse("outcomes:need_detail", args=[w.need.pk]),
            "GET",
        ),
        "need_endorse": (
            "outcomes:need_endorse",
            lambda w: reverse("outcomes:need_endorse", args=[w.need.pk]),
            "POST",
        ),
        "issuer": ("outcomes:issuer", lambda w: reverse("outcomes:issuer"), "GET"),
        "verify": ("outcomes:verify", lambda w: reverse("outcomes:verify"), "GET"),
        "verify_post": ("outcomes:verify", lambda w: reverse("outcomes:verify"), "POST"),
    }
)
