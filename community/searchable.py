"""What of the community is searchable: public and private groups (their name and
description are listed for everyone); secret groups never (see ``search.registry``).
Group *content* (forum topics…) is declared by the apps that own it, with its group."""

from django.utils.translation import gettext_lazy as _

from search.meta import choice_part, meta_fields, text_part
from search.registry import Searchable, SearchDocument, register

from .models import Group


@register
class GroupSearchable(Searchable):
    type = "group"
    model = Group
    label = _("Group")
    label_plural = _("Groups")
    meta_choices = {"kind": Group.Kind}

    def get_queryset(self):
        return Group.objects.exclude(privacy=Group.Privacy.SECRET)

    def document(self, obj: Group) -> SearchDocument:
        return SearchDocument(
            type=self.type,
            id=obj.pk,
            title=obj.name,
            url=self.url_of(obj),
            body=obj.description,
            **meta_fields(self.type, [choice_part("kind", obj.kind), text_part(obj.cohort_year)]),
            date=obj.created_at.date() if obj.created_at else None,
            year=obj.cohort_year,
        )
