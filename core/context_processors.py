from core import exits


def haven(request):
    return {
        "disguise": getattr(request, "disguise", None),
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "exit_url": exits.exit_url_for(request),
        "vault_open": getattr(request, "vault", None) is not None,
    }
