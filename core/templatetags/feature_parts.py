"""{% feature_parts "slot" %}: pieces that features lend to another feature's page.

A feature declares, in its feature.py, `extra={"slot": Card(template, context)}`;
a page that offers the slot renders every feature's piece in it, in `order`,
without importing any of them. Example: the safety plan's support step offers
"support_step", where the circle shows call and message buttons for the
person's safe people.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core import features

register = template.Library()


@register.simple_tag(takes_context=True)
def feature_parts(context, slot: str) -> str:
    request = context.get("request")
    pieces = [f.extra[slot] for f in features.all_features() if slot in f.extra]
    html = []
    for piece in sorted(pieces, key=lambda card: card.order):
        values = {**context.flatten(), **piece.get_context(request)}
        html.append(render_to_string(piece.template, values, request=request))
    return mark_safe("".join(html))  # noqa: S308 (each piece is an autoescaped template)
