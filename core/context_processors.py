from core import discreet, exits, features


def haven(request):
    vault_open = getattr(request, "vault", None) is not None
    return {
        "disguise": getattr(request, "disguise", None),
        # True under a disguise: templates then say their neutral words
        # (docs/ARCHITECTURE.md, "Discreet words").
        "discreet": discreet.is_on(request),
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "exit_url": exits.exit_url_for(request),
        "vault_open": vault_open,
        "nav": main_nav(request, private=vault_open),
    }


def main_nav(request, *, private: bool) -> list[dict]:
    """The features' entries of the layout's main navigation, for this page.

    Their URLs are reversed once per process (`features.url`); only which one
    is the current page, and which label a discreet screen shows, is worked
    out per request.
    """
    match = getattr(request, "resolver_match", None)
    here = match.namespace if match else ""
    neutral = discreet.is_on(request)
    return [
        {
            "label": entry.label_for(neutral),
            "url": entry.url,
            "current": bool(entry.namespace) and entry.namespace == here,
        }
        for entry in features.nav_entries(private=private)
    ]
