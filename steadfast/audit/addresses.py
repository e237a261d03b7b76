"""Where a request came from, for the audit trail and for counting wrong guesses per address."""

from typing import Any

from django.conf import settings


def client_address(request: Any) -> str | None:
    """The address of the person's computer. Behind `TRUSTED_PROXY_COUNT` load balancers it is
    the one the outermost of them saw, the last address they added to X-Forwarded-For; anything
    further left was written by the client and proves nothing. With no proxy it is the address
    that reached the server."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
