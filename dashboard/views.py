from django.shortcuts import render

from accounts.decorators import private_view
from core import features


@private_view
def home(request):
    cards = [(card.template, card.get_context(request)) for card in features.cards()]
    stylesheets = list(dict.fromkeys(card.css for card in features.cards() if card.css))
    return render(
        request,
        "dashboard/home.html",
        {
            "cards": cards,
            "stylesheets": stylesheets,
            "tools": features.tools(),
            "preparing": request.session.get("hv_preparing", False),
        },
    )
