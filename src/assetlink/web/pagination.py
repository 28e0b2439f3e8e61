"""One page of a list view, with the query string to keep filters across pages."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

PER_PAGE = 50


def page_context(request: HttpRequest, items: Any, per_page: int = PER_PAGE) -> dict[str, Any]:
    """`page_obj` and `query_without_page` for web/includes/pagination.html."""
    query = request.GET.copy()
    query.pop("page", None)
    page_obj = Paginator(items, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page_obj, "query_without_page": query.urlencode() + "&" if query else ""}
