"""The section's editorial set-up on a fresh database (see services/setup.py):

- the case-study index at /case-studies/, under the home page;
- a "Contributors" group: admin access, images and documents, add and edit pages under
  the index, no publishing (their changes go through moderation);
- Wagtail's "Moderators approval" workflow assigned to the index;
- django-contrib-comments' ``can_moderate`` permission for Moderators.

Permissions may not exist yet on a fresh database (Django creates them after
migrating), so they are created here the way Wagtail's own migrations do.
"""

from django.db import migrations
from django.db.models import Max

INDEX_SLUG = "case-studies"


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def _create_index(apps):
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("core.HomePage")
    ContentType = apps.get_model("contenttypes.ContentType")
    CaseStudyIndexPage = apps.get_model("casestudies.CaseStudyIndexPage")
    existing = CaseStudyIndexPage.objects.first()
    if existing is not None:
        return existing
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    last = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).aggregate(
        last=Max("path")
    )["last"]
    step = int(last[-4:], 36) + 1 if last else 1
    suffix = ""
    while step:
        step, digit = divmod(step, 36)
        suffix = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + suffix
    content_type, _ = ContentType.objects.get_or_create(
        app_label="casestudies", model="casestudyindexpage"
    )
    index = CaseStudyIndexPage.objects.create(
        title="Case studies",
        draft_title="Case studies",
        slug=INDEX_SLUG,
        content_type=content_type,
        path=home.path + suffix.rjust(4, "0"),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}{INDEX_SLUG}/",
        locale_id=home.locale_id,
        live=True,
        intro=(
            "Good practices in migration and development, written up so that you can "
            "judge whether and how to replicate them in your own context."
        ),
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)
    return index


def forwards(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore.Collection")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    contributors, _ = Group.objects.get_or_create(name="Contributors")
    contributors.permissions.add(
        _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, codename, name in (
            ("wagtailimages", "image", "add_image", "Can add image"),
            ("wagtailimages", "image", "choose_image", "Can choose image"),
            ("wagtaildocs", "document", "add_document", "Can add document"),
            ("wagtaildocs", "document", "choose_document", "Can choose document"),
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=contributors,
                collection=root_collection,
                permission=_permission(apps, app_label, model, codename, name),
            )

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        moderators.permissions.add(
            _permission(apps, "django_comments", "comment", "can_moderate", "Can moderate comments")
        )

    index = _create_index(apps)
    if index is None:
        return
    for codename, name in (("add_page", "Can add page"), ("change_page", "Can change page")):
        GroupPagePermission.objects.get_or_create(
            group=contributors,
            page_id=index.pk,
            permission=_permission(apps, "wagtailcore", "page", codename, name),
        )
    workflow = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("casestudies", "0001_initial"),
        ("core", "0002_create_homepage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
