"""What of the community is searchable: public and private groups (their name and
description are listed for everyone); secret groups never (see ``search.registry``).
Group *content* (forum topics…) is declared by the apps that own it, with its group."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.registry import Searchable, SearchDocument, register

from .models import Group


@register
class GroupSearchable(Searchable):
    type = "group"
    model = Group
    label = _("Group")
    label_plural = _("Groups")

    def get_queryset(self):
        return Group.objects.exclude(privacy=Group.Privacy.SECRET)

    def document(self, obj: Group) -> SearchDocument:
        with translation.override(settings.LANGUAGE_CODE):
            meta = " · ".join(
                str(part) for part in (obj.get_kind_display(), obj.cohort_year) if part
            )
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.name,
            url=self.url_of(obj),
            body=obj.description,
            meta=meta,
            date=obj.created_at.date() if obj.created_at else None,
            year=obj.cohort_year,
        )
