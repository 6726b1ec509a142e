"""The API only reads. Whom it shows what is the querysets' business (visible_to)."""

from rest_framework import exceptions, permissions


class ReadOnlyAccess(permissions.BasePermission):
    """Reading only; anonymous visitors only where the view is public (the register)."""

    def has_permission(self, request, view):
        if request.method not in permissions.SAFE_METHODS:
            raise exceptions.MethodNotAllowed(request.method)
        return bool(getattr(view, "public", False) or request.user.is_authenticated)
