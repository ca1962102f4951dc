"""Demo case studies, testimonies and virtual tours (casestudies/demo/*.json).

Idempotent: pages are matched by slug and updated in place (a new published revision
only when something changed), images by title. Images are drawn with Pillow at seed
time — a calm abstract illustration per case study and per tour stop, in the colour
the data gives — so the demo needs no download.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.images import get_image_model
from wagtail.models import Locale

from casestudies.models import CaseStudyPage, TestimonyPage, TourStop, VirtualTourPage
from casestudies.services import case_study_index_ensure
from inventory.models import InventoryItem, Recommendation
from taxonomy.models import Country, Organisation, Sector, Theme

logger = logging.getLogger(__name__)
DATA = Path(__file__).resolve().parent
PALETTE = ["#1F4E79", "#2E7D9A", "#3B8C6E", "#A4391A", "#6B4C9A", "#B7791F", "#2F6F4F"]


def _load(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _paragraphs(text: str | None) -> str:
    """Plain demo text (paragraphs separated by blank lines) as rich-text HTML."""
    if not text:
        return ""
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _illustration(seed: str, colour: str, size=(1200, 675)) -> bytes:
    """Soft layered hills and a sun: a tasteful placeholder that varies with ``seed``."""
    digest = hashlib.sha256(seed.encode()).digest()
    base = _rgb(colour)
    width, height = size
    img = PILImage.new("RGB", size, tuple(min(255, c + 150) for c in base))
    draw = ImageDraw.Draw(img)
    sun_x = int(width * (0.15 + digest[0] / 255 * 0.7))
    radius = int(height * 0.12)
    draw.ellipse(
        (sun_x - radius, int(height * 0.18), sun_x + radius, int(height * 0.18) + 2 * radius),
        fill=(250, 236, 200),
    )
    for layer in range(4):
        shade = tuple(max(0, min(255, c + 110 - layer * 45)) for c in base)
        top = int(height * (0.45 + layer * 0.13))
        points = [(0, height)]
        for step in range(9):
            x = int(width * step / 8)
            wobble = (digest[(layer * 9 + step) % len(digest)] / 255 - 0.5) * height * 0.12
            points.append((x, int(top + wobble)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


def _image(title: str, seed: str, colour: str):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = _illustration(seed, colour)
    filename = f"{seed[:60]}.jpg"
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=filename))


def _portrait(seed: str, colour: str, size: int = 480) -> bytes:
    """A plain silhouette on a soft background, labelled as an illustration: the demo's
    testimonies are composites, so no photograph could honestly stand for the speaker."""
    base = _rgb(colour)
    img = PILImage.new("RGB", (size, size), tuple(min(255, c + 170) for c in base))
    draw = ImageDraw.Draw(img)
    figure = tuple(max(0, c - 10) for c in base)
    head = size // 5
    centre = size // 2
    draw.ellipse((centre - head, size // 5, centre + head, size // 5 + 2 * head), fill=figure)
    draw.ellipse(
        (centre - 2 * head, size * 3 // 5, centre + 2 * head, size + 2 * head), fill=figure
    )
    draw.rectangle((0, size - size // 8, size, size), fill=(255, 255, 255))
    draw.text((size // 20, size - size // 10), "ILLUSTRATION - not a photograph", fill=(40, 40, 40))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _portrait_image(slug: str, colour: str):
    Image = get_image_model()
    title = f"Testimony portrait (illustration): {slug}"
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = _portrait(slug, colour)
    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(data), name=f"{slug}.png"))


def _publish_if_changed(page, fields: dict, m2m: dict | None = None) -> bool:
    changed = any(getattr(page, k) != v for k, v in fields.items())
    for key, value in fields.items():
        setattr(page, key, value)
    for key, objects in (m2m or {}).items():
        if {o.pk for o in getattr(page, key).all()} != {o.pk for o in objects}:
            getattr(page, key).set(objects)
            changed = True
    if changed or not page.live:
        page.save_revision().publish()
    return changed


def _child(index, model, slug: str, title: str):
    page = model.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = index.add_child(instance=model(title=title, slug=slug, **_placeholders(model)))
    return page


def _placeholders(model) -> dict:
    if model is TestimonyPage:
        return {"consent_recorded": True, "transcript": "…", "quote": "…", "speaker_role": "…"}
    if model is CaseStudyPage:
        return {"summary": "…"}
    return {}


def _indicator(row: dict) -> dict:
    return {
        "type": "indicator",
        "value": {
            "name": row["name"],
            "baseline": row.get("baseline"),
            "target": row.get("target"),
            "achieved": row.get("achieved"),
            "unit": row.get("unit") or "",
            "source": row.get("source") or "",
            "year": row.get("year"),
        },
    }


def _seed_case_studies(index) -> dict[str, CaseStudyPage]:
    rows = _load("case_studies.json")
    countries = {c.code: c for c in Country.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    themes = {t.slug: t for t in Theme.objects.all()}
    organisations = {o.slug: o for o in Organisation.objects.all()}
    pages: dict[str, CaseStudyPage] = {}
    for n, row in enumerate(rows):
        page = _child(index, CaseStudyPage, row["slug"], row["title"])
        hero = _image(f"Case study: {row['slug']}", row["slug"], PALETTE[n % len(PALETTE)])
        fields = {
            "title": row["title"],
            "summary": row["summary"],
            "hero_image": hero,
            "hero_image_alt": "",
            "period_start": row.get("period_start"),
            "period_end": row.get("period_end"),
            "challenge": _paragraphs(row.get("challenge")),
            "approach": _paragraphs(row.get("approach")),
            "cost_range": row.get("cost_range") or "unknown",
            "conditions_for_transfer": _paragraphs(row.get("conditions_for_transfer")),
            "what_to_adapt": _paragraphs(row.get("what_to_adapt")),
            "lessons": _paragraphs(row.get("lessons")),
        }
        fields["hero_image_alt"] = (
            "Abstract illustration of layered hills under a rising sun (decorative)."
        )
        page.results = [_indicator(r) for r in row.get("results") or []]
        page.resources = [
            {"type": "link", "value": {"title": lk["title"], "url": lk["url"], "description": ""}}
            for lk in row.get("links") or []
        ]
        m2m = {
            "countries": [countries[c] for c in row.get("countries") or [] if c in countries],
            "sectors": [sectors[s] for s in row.get("sectors") or [] if s in sectors],
            "themes": [themes[t] for t in row.get("themes") or [] if t in themes],
            "organisations": [
                organisations[o] for o in row.get("organisations") or [] if o in organisations
            ],
            "inventory_items": list(
                InventoryItem.objects.originals().filter(
                    external_id__in=row.get("inventory_items") or []
                )
            ),
            "recommendations": list(
                Recommendation.objects.originals().filter(
                    external_id__in=row.get("recommendations") or []
                )
            ),
        }
        _publish_if_changed(page, fields, m2m)
        pages[row["slug"]] = page
    for row in rows:
        if row.get("adapted_from") and row["adapted_from"] in pages:
            _publish_if_changed(
                pages[row["slug"]],
                {
                    "adapted_from": pages[row["adapted_from"]],
                    "adaptation_note": row.get("adaptation_note") or "",
                },
            )
    return pages


def _seed_testimonies(index, case_studies: dict[str, CaseStudyPage]) -> int:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    rows = _load("testimonies.json")
    for n, row in enumerate(rows):
        page = _child(index, TestimonyPage, row["slug"], row["title"])
        _publish_if_changed(
            page,
            {
                "portrait": _portrait_image(row["slug"], PALETTE[n % len(PALETTE)]),
                "portrait_alt": "A plain silhouette standing in for the speaker.",
                "portrait_illustrative": True,
                "title": row["title"],
                "speaker_name": row.get("speaker_name") or "",
                "speaker_role": row.get("speaker_role") or "",
                "organisation": organisations.get(row.get("organisation") or ""),
                "consent_recorded": bool(row.get("consent_recorded")),
                "illustrative": bool(row.get("illustrative")),
                "quote": row["quote"],
                "transcript": row["transcript"],
                "case_study": case_studies.get(row.get("case_study") or ""),
            },
        )
    return len(rows)


def _seed_tours(index, case_studies: dict[str, CaseStudyPage]) -> int:
    rows = _load("virtual_tours.json")
    for row in rows:
        page = _child(index, VirtualTourPage, row["slug"], row["title"])
        stops = []
        for n, stop in enumerate(row["stops"], start=1):
            image = _image(
                f"Tour {row['slug']}: stop {n}", f"{row['slug']}-{n}", stop["image_colour"]
            )
            stops.append(
                TourStop(
                    title=stop["title"],
                    caption=stop.get("caption") or "",
                    image=image,
                    image_alt=stop.get("image_alt") or "",
                    latitude=stop.get("latitude"),
                    longitude=stop.get("longitude"),
                    transcript=stop["transcript"],
                    sort_order=n,
                )
            )
        current = [(s.title, s.transcript, s.sort_order) for s in page.stops.all()]
        wanted = [(s.title, s.transcript, s.sort_order) for s in stops]
        if current != wanted:
            page.stops = stops
        _publish_if_changed(
            page,
            {
                "title": row["title"],
                "intro": row.get("intro") or "",
                "case_study": case_studies.get(row.get("case_study") or ""),
            },
        )
        if current != wanted and page.live:
            page.save_revision().publish()
    return len(rows)


def _seed_comment_thread(page: CaseStudyPage, row: dict, users: dict, reply_to=None) -> int:
    from django_comments_xtd.models import XtdComment

    from casestudies.services.comments import comment_post

    author = users.get(row["author"])
    if author is None:
        return 0
    comment = XtdComment.norel_objects.filter(
        object_pk=str(page.pk), user=author, comment=row["body"]
    ).first()
    made = 0
    if comment is None:
        comment = comment_post(
            page=page,
            author=author,
            body=row["body"],
            reply_to=reply_to.pk if reply_to else None,
            language=row.get("language"),
        )
        made = 1
    for reply in row.get("replies") or []:
        made += _seed_comment_thread(page, reply, users, reply_to=comment)
    return made


def _seed_comments(case_studies: dict[str, CaseStudyPage]) -> int:
    """Threaded conversations under a few case studies (``comments.json``), posted
    through the comment service by the demo members; a comment already there (same
    page, author and text) is left alone."""
    from community.models import User

    users = {
        u.email.split("@")[0]: u
        for u in User.objects.filter(email__endswith="@practice-commons.test")
    }
    made = 0
    for row in _load("comments.json"):
        page = case_studies.get(row["case_study"])
        if page is not None:
            made += _seed_comment_thread(page, row, users)
    return made


FEATURED = ("mx-3x1-migrants", "ph-pdos", "de-triple-win-nurses")


def _seed_featured(case_studies: dict[str, CaseStudyPage]) -> None:
    """The editors' choice on the home page (its "Featured" row)."""
    from django.conf import settings

    from core.models import HomePage, HomePageFeature

    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:
        return
    for n, slug in enumerate(FEATURED):
        if slug in case_studies:
            HomePageFeature.objects.get_or_create(
                home=home, page=case_studies[slug], defaults={"sort_order": n}
            )


def _seed_translations(case_studies: dict[str, CaseStudyPage]) -> int:
    """French and Spanish versions of a few case studies (``translations.json``), made
    as an editor's "Translate" makes them (a copy in the locale) and then published;
    updated in place, like the originals, when the text changes."""
    count = 0
    for slug, languages in _load("translations.json").items():
        original = case_studies.get(slug)
        if original is None:
            continue
        for code, fields in languages.items():
            locale, _created = Locale.objects.get_or_create(language_code=code)
            copy = original.get_translation_or_none(locale)
            if copy is None:
                copy = CopyPageForTranslationAction(
                    page=original, locale=locale, copy_parents=True
                ).execute(skip_permission_checks=True)
            _publish_if_changed(copy.specific, fields)
            count += 1
    return count


@transaction.atomic
def seed(*, stdout) -> None:
    index = case_study_index_ensure(
        intro=(
            "Good practices in migration and development, written up so that you can judge "
            "whether and how to replicate them in your own context."
        )
    )
    case_studies = _seed_case_studies(index)
    testimonies = _seed_testimonies(index, case_studies)
    tours = _seed_tours(index, case_studies)
    translations = _seed_translations(case_studies)
    _seed_comments(case_studies)
    _seed_featured(case_studies)
    stdout.write(
        f"Case studies ready: {len(case_studies)} case studies, {testimonies} testimonies, "
        f"{tours} virtual tours, {translations} translations."
    )
