"""The base of every endpoint: read-only, access through the querysets' visible_to, cursor
pages and ETags."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets

from ..etag import with_etag
from ..pagination import IdCursorPagination
from ..permissions import ReadOnlyAccess


class ReadOnlyApiViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadOnlyAccess]
    pagination_class = IdCursorPagination
    filter_backends = [DjangoFilterBackend]
    lookup_value_converter = "api_id"
    # Anonymous visitors read only views that say so (the public register's agreements).
    public = False

    def visible_queryset(self, user):
        """Everything ``user`` may read, through the same rule as the pages."""
        raise NotImplementedError

    def get_queryset(self):
        return self.visible_queryset(self.request.user)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return with_etag(request._request, response)
