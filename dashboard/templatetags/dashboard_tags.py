from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def card(context, name: str, values: dict) -> str:
    """Render one feature's card template with its own values on top of the page's.

    Like {% include %}, but the values come as one dict from the card's
    context function, whatever their names.
    """
    card_template = context.template.engine.get_template(name)
    with context.push(**values):
        return card_template.render(context)
