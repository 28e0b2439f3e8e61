"""Suggestions for the ESCO autocomplete, as an htmx partial."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from assetlink.taxonomy.models import ConceptKind
from assetlink.taxonomy.selectors import search_concepts
from assetlink.web.access import AuthenticatedHttpRequest, signed_in


@signed_in
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", ConceptKind.SKILL)
    if kind not in ConceptKind.values:
        kind = ConceptKind.SKILL
    field = request.GET.get("field", "q")[:60]
    query = request.GET.get(field, request.GET.get("q", ""))[:100]
    suggestions = search_concepts(query, kind=kind, language=get_language() or "en")
    return render(
        request,
        "taxonomy/suggestions.html",
        {
            "suggestions": suggestions,
            "searched": len(query.strip()) >= 2,
            "field": "".join(c for c in field if c.isalnum() or c in "_-"),
        },
    )
