from core import exits, features


def haven(request):
    vault_open = getattr(request, "vault", None) is not None
    return {
        "disguise": getattr(request, "disguise", None),
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
    discreet = bool(getattr(getattr(request, "disguise", None), "key", ""))
    return [
        {
            "label": entry.discreet_label if discreet and entry.discreet_label else entry.label,
            "url": entry.url,
            "current": bool(entry.namespace) and entry.namespace == here,
        }
        for entry in features.nav_entries(private=private)
    ]
