"""Settings of the read-only JSON API (the ``api`` room), kept apart from settings.py, which
imports them. Nothing here reads the environment."""

# The read-only JSON API (api/): a personal token or the session; JSON only (the browsable
# renderer needs inline scripts, which the CSP forbids); cursor pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.ReadOnlyAccess"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Samverkansportalen API",
    "DESCRIPTION": (
        "Read-only access to the agreements, follow-up, meetings, jobbspår and kartläggning "
        "that the caller may see in the portal. Authenticate with a personal token "
        "(Authorization: Bearer …) or the browser session; anonymously, only the agreements "
        "in force of the public register."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from the drf-spectacular-sidecar package's static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AgreementStatusEnum": "agreements.models.Agreement.Status",
        "ReportStatusEnum": "indicators.models.FollowUpReport.Status",
        "JobTrackStatusEnum": "meetings.models.JobTrack.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_error_responses",
    ],
}
