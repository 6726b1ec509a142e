"""The OpenAPI description (drf-spectacular): the token scheme, and the answers every read
may give besides 200, so that clients (and schemathesis) know them all."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each refused query parameter with its messages (in Swedish).",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, created on the page API-nycklar.",
        }


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_error_responses(result, generator, request, public):
    """Every read may answer 304 (If-None-Match), 401 (a refused token) and 406 (an Accept
    header without JSON); a list 400 (a bad filter) and 404 (a cursor that is not ours); a
    detail 404 (unseen and missing alike)."""
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and "format" not in schema:
                    # The portal refuses a NUL character anywhere (RefuseNulMiddleware).
                    schema.setdefault("pattern", "^[^\\x00]*$")
            responses = operation.setdefault("responses", {})
            responses.setdefault("304", {"description": "Unchanged since the ETag sent."})
            responses.setdefault(
                "401", _json(ERROR, "The token is unknown or revoked, or none was sent.")
            )
            responses.setdefault("406", _json(ERROR, "The API answers only application/json."))
            if path.startswith("/api/v1/agreements/"):
                # The public register: anonymous visitors read agreements in force.
                security = operation.setdefault("security", [])
                if {} not in security:
                    security.append({})
            if "{id}" in path:
                responses.setdefault("404", _json(ERROR, "No such object that you may see."))
            elif path.rstrip("/") != "/api/v1":
                responses.setdefault("400", _json(FIELD_ERRORS, "A query parameter is refused."))
                responses.setdefault("404", _json(ERROR, "The cursor is not valid."))
    return result
