"""Requests refused before any view sees them."""

from django.shortcuts import render


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    for params in (request.GET, request.POST if request.method == "POST" else None):
        if params is None:
            continue
        for key, values in params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return True
    return False


class RefuseNulMiddleware:
    """Answer 400 to a NUL character in the path, the query or a form field.

    No text in the portal may hold NUL and PostgreSQL refuses it in every text column, so a
    NUL reaching a query would be an error 500; refusing it here covers every view at once.
    Uploaded files are checked by the code that reads them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            return render(request, "samverkan/bad_input.html", status=400)
        return self.get_response(request)
