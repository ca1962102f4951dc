from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def home_block(context, block: dict):
    """Render one block of the home page (``core.home``) with its data in the context,
    as ``{% include %}`` would with each key passed by ``with``."""
    with context.push(**block):
        return context.template.engine.get_template(block["template"]).render(context)
