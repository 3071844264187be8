from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_POST

from vault import drafts


@require_POST
def save_draft(request, key):
    """Autosave target for drafts.js. 204 when kept; the page never depends on it."""
    if not request.user.is_authenticated or request.vault is None:
        return HttpResponse(status=403)
    if not drafts.valid_key(key):
        return HttpResponseBadRequest()
    drafts.save(request, key, drafts.from_post(request.POST))
    return HttpResponse(status=204)
