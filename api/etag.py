"""ETags on every read: a client that sends the ETag back in If-None-Match gets a 304 without
the body when nothing it may see has changed."""

import hashlib

from django.utils.cache import get_conditional_response, patch_vary_headers


def with_etag(request, response):
    """Give a successful read its ETag (a hash of the body, which already depends on who
    asks) and answer a matching If-None-Match with 304."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    response["ETag"] = etag
    # Private: the body depends on the token or session that asked.
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Authorization", "Cookie"))
    return get_conditional_response(request, etag=etag, response=response)
