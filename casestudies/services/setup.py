"""The editorial set-up of the section: its index page, workflow and contributor rights.

A data migration (``0002_editorial_setup``) does this on a fresh database; this
function does the same with the real models so that the demo seeder and tests can
(re)create it idempotently — e.g. after a transactional test flushed the tables.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
)

from casestudies.models import CaseStudyIndexPage

CONTRIBUTORS = "Contributors"
EDITORS = "Editors"
MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approval"
INDEX_SLUG = "case-studies"


@transaction.atomic
def case_study_index_ensure(*, title: str = "Case studies", intro: str = "") -> CaseStudyIndexPage:
    """Return the site's case-study index, creating it under the home page if needed,
    with the moderation workflow and the Contributors group's rights attached."""
    content_locales_ensure()
    index = (
        CaseStudyIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or CaseStudyIndexPage.objects.first()
    )
    if index is None:
        from core.models import HomePage

        home = HomePage.objects.first()
        parent = home if home is not None else Page.get_first_root_node()
        index = parent.add_child(
            instance=CaseStudyIndexPage(title=title, slug=INDEX_SLUG, intro=intro)
        )
        index.save_revision().publish()
    contributors = contributors_group_ensure()
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=moderators,
                page=index,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    translators_ensure()
    index_translations_ensure(index)
    return index


def translators_ensure() -> None:
    """Contributors, editors and moderators may use Wagtail's "Translate" action
    (simple_translation's ``submit_translation``); a translation is a draft that goes
    through the same moderation as any other change."""
    permission = Permission.objects.get(
        content_type__app_label="simple_translation", codename="submit_translation"
    )
    for group in Group.objects.filter(name__in=(CONTRIBUTORS, EDITORS, MODERATORS)):
        group.permissions.add(permission)


def index_translations_ensure(index: CaseStudyIndexPage) -> None:
    """A draft of the index (and of the home page above it) in every content language.

    Wagtail's "Translate" offers only the languages in which the page's parent exists,
    so without these an editor would first have to translate the home page and the
    index by hand. Drafts are enough: ``Page.localized`` skips drafts, so readers keep
    being served by the default-language pages until an editor publishes a translation.
    """
    for locale in Locale.objects.filter(
        language_code__in=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    ).exclude(pk=index.locale_id):
        if not index.has_translation(locale):
            CopyPageForTranslationAction(page=index, locale=locale, copy_parents=True).execute(
                skip_permission_checks=True
            )


def content_locales_ensure() -> None:
    """One Wagtail locale per content language, as migration 0003 makes them."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def contributors_group_ensure() -> Group:
    """Contributors reach the admin, upload and choose images and documents, and (on the
    index) add and edit pages — but cannot publish: they submit for moderation."""
    group, _created = Group.objects.get_or_create(name=CONTRIBUTORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    root = Collection.get_first_root_node()
    for app_label, codenames in (
        ("wagtailimages", ("add_image", "choose_image")),
        ("wagtaildocs", ("add_document", "choose_document")),
    ):
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group
