"""The guide: public pages anyone can read without an account.

Nothing here reads or shows private data. Search queries are never stored or
logged (see guide/search.py), and the search form posts, so what someone typed
stays out of the address bar, the browser history and server access logs.
"""

from django.db.models import Sum
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.decorators import public_view
from guide import search as guide_search
from guide import tools as guide_tools
from guide.forms import SearchForm
from guide.models import Section

SUPPORTERS_SECTION = 14


def _share_url(request) -> str:
    return request.build_absolute_uri(reverse("guide:supporters"))


@public_view
@require_GET
def index(request):
    sections = Section.objects.only("number", "slug", "title", "summary", "reading_minutes")
    total = sections.aggregate(minutes=Sum("reading_minutes"))["minutes"] or 0
    return render(
        request,
        "guide/index.html",
        {"sections": sections, "total_minutes": total, "form": SearchForm()},
    )


@public_view
@require_GET
def section(request, slug):
    current = get_object_or_404(Section, slug=slug)
    siblings = Section.objects.only("number", "slug", "title")
    return render(
        request,
        "guide/section.html",
        {
            "section": current,
            "previous": siblings.filter(number__lt=current.number).order_by("-number").first(),
            "next": siblings.filter(number__gt=current.number).order_by("number").first(),
            "total_parts": siblings.count(),
            "tools": guide_tools.links(current.tools),
            "is_supporters_section": current.number == SUPPORTERS_SECTION,
            "share_url": _share_url(request),
            "form": SearchForm(),
        },
    )


@public_view
@require_GET
def print_section(request, slug):
    current = get_object_or_404(Section, slug=slug)
    return render(
        request,
        "guide/print.html",
        {
            "section": current,
            "total_parts": Section.objects.count(),
        },
    )


# Searching changes nothing, so it needs no CSRF token: a person whose cookies
# were cleared (or never set) still gets results instead of an error page.
@public_view
@csrf_exempt
@require_http_methods(["GET", "POST"])
def search(request):
    data = request.POST if request.method == "POST" else request.GET
    form = SearchForm(data if "q" in data else None)
    results, query_plan, searched = [], None, False
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        searched = True
        query_plan = guide_search.plan(form.cleaned_data["q"], guide_search.vocabulary())
        results = guide_search.run(query_plan)
    return render(
        request,
        "guide/search.html",
        {
            "form": form,
            "results": results,
            "plan": query_plan,
            "searched": searched,
            "query": form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else "",
        },
    )


@public_view
@require_GET
def supporters(request):
    section_for_supporters = Section.objects.filter(number=SUPPORTERS_SECTION).first()
    return render(
        request,
        "guide/supporters.html",
        {"section": section_for_supporters, "share_url": _share_url(request)},
    )
