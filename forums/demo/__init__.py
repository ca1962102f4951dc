"""Demo forum content: categories, the discussions in ``topics.json``, and a live room.

Idempotent: categories by slug, topics by title, posts by (topic, author, body), rooms by
slug. Missing demo members are created by handle (never duplicated) with an unusable
password; the community seeder normally creates them first.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from community.models import Group, User
from forums.models import Category, LiveRoom, Post, Topic
from forums.services import render_body

DATA = Path(__file__).parent / "topics.json"

CATEGORIES = [
    (
        "general",
        "General discussion",
        "discussion",
        "Anything about peer learning on the platform.",
    ),
    (
        "labour-migration",
        "Labour migration",
        "discussion",
        "Recruitment, orientation, mobility schemes.",
    ),
    (
        "remittances-diaspora",
        "Remittances and diaspora",
        "discussion",
        "Financial education, diaspora investment, remittance costs.",
    ),
    (
        "local-authorities",
        "Local authorities",
        "discussion",
        "Municipal and regional practice: planning, services, inclusion.",
    ),
    ("qa", "Questions and answers", "qa", "Ask a precise question; the best answer is marked."),
]


def _user(handle: str) -> User:
    user = User.objects.filter(handle=handle).first()
    if user is None:
        user = User(email=f"{handle}@practice-commons.test", handle=handle)
        user.set_unusable_password()
        user.save()
    return user


def _category(slug: str, group: Group | None) -> Category:
    if group is None:
        return Category.objects.get(slug=slug)
    base = Category.objects.get(slug=slug)
    category, _ = Category.objects.get_or_create(
        slug=f"{group.slug}-{slug}"[:120],
        defaults={"name": f"{group.name}: {base.name}"[:120], "kind": base.kind, "group": group},
    )
    return category


@transaction.atomic
def seed(*, stdout=None) -> None:
    from inventory.models import InventoryItem

    for position, (slug, name, kind, description) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "kind": kind, "description": description, "position": position},
        )
    created = 0
    now = timezone.now()
    entries = json.loads(DATA.read_text(encoding="utf-8"))
    for n, entry in enumerate(entries):
        group = Group.objects.filter(slug=entry["group"]).first() if entry["group"] else None
        category = _category(entry["category"], group)
        links = entry.get("links") or {}
        item = (
            InventoryItem.objects.originals().filter(external_id=links["inventory_item"]).first()
            if links.get("inventory_item")
            else None
        )
        authors = [_user(p["author"]) for p in entry["posts"]]
        start = now - timedelta(days=3 * (len(entries) - n), hours=n)
        topic, made = Topic.objects.get_or_create(
            title=entry["title"],
            defaults={"category": category, "author": authors[0], "created_at": start},
        )
        created += made
        if topic.category_id != category.pk or topic.inventory_item_id != (item and item.pk):
            topic.category, topic.inventory_item = category, item
            topic.save(update_fields=["category", "inventory_item"])
        for i, (data, author) in enumerate(zip(entry["posts"], authors, strict=True)):
            html, _mentioned = render_body(data["body"])
            Post.objects.get_or_create(
                topic=topic,
                author=author,
                body=data["body"],
                defaults={"body_html": html, "created_at": start + timedelta(hours=5 * i)},
            )
        posts = topic.posts.order_by("pk")
        last = posts.last()
        topic.reply_count = posts.count() - 1
        topic.last_post = last
        topic.last_activity_at = last.created_at
        topic.save(update_fields=["reply_count", "last_post", "last_activity_at"])
        if category.is_qa and topic.reply_count and not posts.filter(is_accepted=True).exists():
            answer = posts.filter(author__handle="editor").first()
            if answer is not None:
                Post.objects.filter(pk=answer.pk).update(is_accepted=True)

    LiveRoom.objects.get_or_create(
        slug="knowledge-workshop-2026",
        defaults={
            "name": "Knowledge workshop 2026: back-channel",
            "event_name": "Knowledge workshop on skills partnerships",
            "event_slug": "knowledge-workshop-2026",
            "description": "Questions and links for the speakers during the sessions.",
        },
    )
    group = Group.objects.filter(slug="lma-alumni-2024").first()
    if group is not None:
        LiveRoom.objects.get_or_create(
            slug="lma-alumni-2024-chat",
            defaults={"name": f"{group.name}: chat", "group": group},
        )
    _seed_member_follows()
    if stdout is not None:
        stdout.write(f"Forums ready ({created} new topics, {Topic.objects.count()} in all).")


def _seed_member_follows() -> None:
    """What the demo member follows — a case study, a colleague, a question and a
    working group — so that their personal home and the following page have content."""
    from django.conf import settings

    from casestudies.models import CaseStudyPage
    from community.services.follows import follow_create

    member = User.objects.filter(email="member@practice-commons.test").first()
    if member is None:
        return
    targets = [
        CaseStudyPage.objects.filter(
            slug="mx-3x1-migrants", locale__language_code=settings.LANGUAGE_CODE
        ).first(),
        User.objects.filter(handle="amina").first(),
        Topic.objects.filter(category__kind=Category.Kind.QA, category__group__isnull=True)
        .order_by("pk")
        .first(),
        Group.objects.filter(slug="orientation-practitioners").first(),
    ]
    for target in targets:
        if target is not None:
            follow_create(user=member, target=target)
