from django.shortcuts import render

from accounts import actions
from accounts.decorators import private_view
from core import discreet, features


@private_view
def home(request):
    cards = [(card.template, card.get_context(request)) for card in features.cards()]
    stylesheets = list(dict.fromkeys(card.css for card in features.cards() if card.css))
    neutral = discreet.is_on(request)
    tools = [
        [(link.url, link.label_for(neutral)) for link in tool.links] for tool in features.tools()
    ]
    return render(
        request,
        "dashboard/home.html",
        {
            "cards": cards,
            "stylesheets": stylesheets,
            "tools": tools,
            "preparing": request.session.get("hv_preparing", False),
            "first_visit": actions.first_visit(request),
        },
    )
