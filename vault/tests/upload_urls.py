"""A small page that takes files the way a private page does, for the upload tests."""

from django.http import HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from vault import images, uploads
from vault.filekinds import BadFile


@csrf_exempt
def take_files(request):
    with uploads.receiving(request) as received:
        return _take_files(request, received)


@csrf_protect
def _take_files(request, received):
    box = request.vault
    if box is None:
        return HttpResponse(status=403)
    kept = []
    refused = [r.message for r in received.refused]
    for upload in request.FILES.getlist("file"):
        entry = {"kind": upload.kind.ext, "size": upload.size, "sha256": upload.sha256}
        if upload.storage_name:
            entry["stored"] = upload.storage_name
        else:
            try:
                prepared = images.prepare(
                    upload.data, upload.kind, keep_original=request.POST.get("keep") == "on"
                )
            except BadFile as error:
                refused.append(str(error.message))
                continue
            entry["stored"] = received.save(box, prepared.stored)
            entry["thumb"] = received.save(box, prepared.thumb, "evidence-thumb")
        kept.append(entry)
    if request.POST.get("fail_after_saving"):
        raise RuntimeError("the view failed after the files were saved")
    for entry in kept:
        received.keep(entry["stored"])
        if "thumb" in entry:
            received.keep(entry["thumb"])
    return JsonResponse({"kept": kept, "refused": refused})


urlpatterns = [
    path("take-files/", take_files),
    path("", include("haven.urls")),
]
