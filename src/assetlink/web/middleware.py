"""Removes control characters from everything a request brings in (query, form fields, JSON bodies) and
cuts overlong query values.

One place, so that forms, the API and every search treat text alike (imports clean their cells as
they read them); what is stored never holds a character that breaks an export or the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict

from assetlink.validation import CONTROL_CHARACTERS, cleaned_text

# No search or filter needs more; a longer one only makes the database's pattern matching fail.
LONGEST_QUERY_VALUE = 1_000


def _cleaned_query(query: QueryDict, *, longest: int | None = None) -> QueryDict | None:
    """A copy of the query with control characters removed (and values cut to `longest`), or None when
    there was nothing to change."""
    if not any(
        CONTROL_CHARACTERS.search(key + "".join(values))
        or (longest is not None and any(len(value) > longest for value in values))
        for key, values in query.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(cleaned_text(key), [cleaned_text(value)[:longest] for value in values])
    cleaned._mutable = False
    return cleaned


class TextInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cleaned_get = _cleaned_query(request.GET, longest=LONGEST_QUERY_VALUE)
        if cleaned_get is not None:
            request.GET = cleaned_get  # type: ignore[assignment]
        content_type = request.content_type or ""
        if request.method in {"POST", "PUT", "PATCH"}:
            if content_type == "application/json":
                self._clean_json(request)
            elif content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
                cleaned_post = _cleaned_query(request.POST)
                if cleaned_post is not None:
                    request.POST = cleaned_post  # type: ignore[assignment]
        return self.get_response(request)

    @staticmethod
    def _clean_json(request: HttpRequest) -> None:
        body = request.body
        try:
            document = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            return  # the API answers a body it cannot read with its own error
        cleaned = cleaned_text(document)
        if cleaned != document:
            request._body = json.dumps(cleaned).encode()
