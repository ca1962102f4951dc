from django import template

from core.navigation import MORE, PRIMARY, links_for

register = template.Library()


@register.inclusion_tag("includes/site_nav.html", takes_context=True)
def site_sections(context) -> dict:
    """The header's sections for the viewer: the primary row and the "More" menu."""
    request = context["request"]
    links = links_for(request.user)
    path = request.path
    return {
        "primary": [(s, path.startswith(s.url)) for s in links[PRIMARY]],
        "more": [(s, path.startswith(s.url)) for s in links[MORE]],
    }
