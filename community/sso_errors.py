"""What a failed provider sign-in tells the person: one entry per kind of failure, in
their language. The page (``socialaccount/authentication_error.html``) adds the other
ways to sign in."""

from __future__ import annotations

from django.utils.translation import gettext as _


def describe_problem(problem: str, *, provider_name: str = "") -> dict[str, str]:
    name = provider_name or _("your organisation")
    texts = {
        "provider_down": (
            _("%(provider)s could not be reached") % {"provider": name},
            _(
                "The sign-in service of %(provider)s did not answer. It may be down for "
                "a moment: try again in a few minutes."
            )
            % {"provider": name},
        ),
        "state_mismatch": (
            _("This sign-in could not be matched to your visit"),
            _(
                "The answer from the sign-in service did not belong to a sign-in started "
                "in this browser, or it came too late. For your safety it was refused. "
                "Start again from the sign-in page."
            ),
        ),
        "cancelled": (
            _("The sign-in was cancelled"),
            _(
                "%(provider)s did not let us know who you are, because the sign-in was "
                "cancelled or permission was not given. Nothing was changed."
            )
            % {"provider": name},
        ),
        "no_email": (
            _("%(provider)s did not tell us your email address") % {"provider": name},
            _(
                "We need an email address to create or find your account, and "
                "%(provider)s did not send one. Ask your organisation's IT team to release "
                "the email address to this site, or sign in another way."
            )
            % {"provider": name},
        ),
        "other_provider": (
            _("Please use your organisation's sign-in"),
            _(
                "Your email address belongs to an organisation that signs its people in "
                "with its own button. Use that button on the sign-in page."
            ),
        ),
        "clock_skew": (
            _("The sign-in answer had the wrong time"),
            _(
                "The answer from %(provider)s was dated too far from our clock (it had "
                "expired or was not yet valid). This usually fixes itself: try again in a "
                "minute, and tell your organisation's IT team if it keeps happening."
            )
            % {"provider": name},
        ),
        "invalid_response": (
            _("The answer from %(provider)s could not be trusted") % {"provider": name},
            _(
                "Its signature, audience or other checks did not hold, so it was refused "
                "and no account was created or changed."
            ),
        ),
        "provider_error": (
            _("%(provider)s reported an error") % {"provider": name},
            _("The sign-in service refused the request. Try again later or sign in another way.")
            % {"provider": name},
        ),
    }
    title, text = texts.get(
        problem,
        (
            _("Signing in with %(provider)s did not work") % {"provider": name},
            _("Something went wrong during the sign-in. Nothing was changed."),
        ),
    )
    return {"code": problem, "title": title, "text": text}
