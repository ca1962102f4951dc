"""The database side of search.

``SearchEntry`` and ``SearchTag`` hold the same documents as the Elasticsearch indexes,
denormalised, so that the database backend can answer the same questions — text,
facets computed in SQL, permission filter, relatedness by shared taxonomy — when no
cluster is configured or the cluster is down. They are kept current by the same
indexing task that feeds Elasticsearch.

``PendingIndexUpdate`` remembers what could not reach the cluster, so that indexing
catches up when it returns: no update is lost while search is down.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin


class SearchEntry(models.Model):
    type = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    meta = models.CharField(max_length=255, blank=True)
    meta_parts = models.JSONField(default=list, blank=True)
    date = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    language = models.CharField(max_length=10, blank=True)
    translation_key = models.CharField(max_length=64, blank=True)
    group_id = models.BigIntegerField(null=True, blank=True)
    group_public = models.BooleanField(default=True)
    digest = models.CharField(max_length=64)
    indexed_at = models.DateTimeField(default=timezone.now)
    #: PostgreSQL full text of title (A), summary (B) and body (C), each read with the
    #: stemmer of the entry's language (``search.languages``); written by
    #: ``search.indexing.entries_sync``. Null on SQLite, whose fallback matches words.
    search_vector = SearchVectorField(null=True, editable=False)
    #: The words of title, summary and body as ``search.analysis`` reads them (stemmed,
    #: accents folded), space-delimited: the demo's SQLite fallback matches them.
    #: Empty on PostgreSQL, which reads the text with its own stemmers.
    stems = models.TextField(blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="search_entry_unique")
        ]
        indexes = [
            models.Index(fields=["type", "date"]),
            models.Index(fields=["year"]),
            models.Index(fields=["language"]),
            models.Index(fields=["translation_key"]),
            models.Index(fields=["group_id"]),
            GinIndex(fields=["search_vector"], name="search_entry_vector_gin"),
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id} {self.title}"


class SearchTag(models.Model):
    """One facet value of an entry: a country, region, sector, theme or language, or a
    country or region where the practice was replicated."""

    class Kind(models.TextChoices):
        COUNTRY = "countries", _("country")
        REGION = "regions", _("region")
        SECTOR = "sectors", _("sector")
        THEME = "themes", _("theme")
        LANGUAGE = "languages", _("language")
        REPLICATED_IN = "replicated_in", _("replicated in")

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind", "value"], name="search_tag_unique")
        ]
        indexes = [models.Index(fields=["kind", "value"])]
        verbose_name = _("search tag")
        verbose_name_plural = _("search tags")

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class PendingIndexUpdate(models.Model):
    """A (type, id) whose change has not reached Elasticsearch yet."""

    type = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="pending_update_unique")
        ]
        ordering = ["created_at", "pk"]
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id}"


class GlossaryConcept(DraftStateMixin, RevisionMixin, ClusterableModel):
    """One concept of the field, named in each language: search expands a query that
    names it in one language to its names in the others ("remesas" also finds
    "remittances" and "transferts de fonds"). Editors maintain the glossary as snippets;
    only published concepts expand queries."""

    key = models.SlugField(_("key"), max_length=100, unique=True)
    description = models.TextField(_("note for editors"), blank=True)
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the concept is a theme: content with the theme matches it too."),
    )
    sector = models.ForeignKey(
        "taxonomy.Sector",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the concept is a sector: content with the sector matches it too."),
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="glossary_concept")

    panels = [
        FieldPanel("key"),
        InlinePanel("terms", heading=_("Terms"), label=_("Term"), min_num=1),
        FieldPanel("theme"),
        FieldPanel("sector"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary concept")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        names = [term.text for term in self.terms.all()[:3]]
        return f"{self.key} ({' / '.join(names)})" if names else self.key


class GlossaryTerm(Orderable):
    """A name of a concept in one language (the first of a language is its preferred
    term; the others are synonyms, acronyms or variants)."""

    concept = ParentalKey(GlossaryConcept, on_delete=models.CASCADE, related_name="terms")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    text = models.CharField(_("term"), max_length=200)

    panels = [FieldPanel("language"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"
