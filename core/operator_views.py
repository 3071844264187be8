from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core import outbox, tasks


@staff_member_required(login_url="admin:login")
def outbox_list(request):
    return render(request, "core/outbox_list.html", {"letters": outbox.letters()})


@staff_member_required(login_url="admin:login")
def outbox_detail(request, name):
    found = outbox.letter(name)
    if found is None:
        raise Http404
    return render(request, "core/outbox_detail.html", {"letter": found})


@staff_member_required(login_url="admin:login")
@require_POST
def outbox_test(request):
    tasks.send_test_message.enqueue("operator@localhost")
    messages.info(request, "A test message is queued. The worker sends it within seconds.")
    return redirect("operator:outbox")
