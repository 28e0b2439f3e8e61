"""API for the reference taxonomies: ESCO concept search and lookup."""

from typing import Any

from django.http import Http404
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from assetlink.taxonomy.models import ConceptKind
from assetlink.taxonomy.selectors import concept_by_uri, search_concepts
from assetlink.web.access import Access, AuthenticatedHttpRequest
from assetlink.web.api_access import declares

router = Router(tags=["taxonomy"])


class ConceptOut(Schema):
    uri: str
    label: str
    matched_label: str = ""


class ConceptDetailOut(Schema):
    uri: str
    kind: str
    preferred_label: str
    description: str
    isco_code: str
    group_codes: list[str]
    alternative_labels: list[str]


class SearchQuery(Schema):
    q: str = Field(..., min_length=2, description="Part of a label, in the reader's language or English")
    kind: ConceptKind = ConceptKind.SKILL
    limit: int = Field(10, ge=1, le=50)


@router.get("/esco/concepts", response=list[ConceptOut])
@declares(Access("signed_in"))
def search(request: AuthenticatedHttpRequest, query: Query[SearchQuery]) -> Any:
    """ESCO skills or occupations whose labels contain the query, best first."""
    return search_concepts(query.q, kind=query.kind, language=get_language() or "en", limit=query.limit)


@router.get("/esco/concept", response=ConceptDetailOut)
@declares(Access("signed_in"))
def concept(request: AuthenticatedHttpRequest, uri: str) -> dict[str, Any]:
    """One ESCO concept by its URI, with its labels."""
    found = concept_by_uri(uri)
    if found is None:
        raise Http404
    return {
        "uri": found.uri,
        "kind": found.kind,
        "preferred_label": found.preferred_label,
        "description": found.description,
        "isco_code": found.isco_code,
        "group_codes": found.group_codes,
        "alternative_labels": list(
            found.labels.filter(is_preferred=False).values_list("text", flat=True)[:50]
        ),
    }
