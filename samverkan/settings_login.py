"""Login settings read from the environment: django-axes' lockout, single sign-on with
OpenID Connect and the administrators' second factor. Imported by settings.py (which adds the OIDC backend)."""

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = 1  # hours
# Locked is the pair (username, real client address): a stranger elsewhere cannot lock the
# account. Behind a reverse proxy the address comes from X-Forwarded-For, believed only from
# the proxies in TRUSTED_PROXIES (see samverkan.security.client_ip).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "samverkan.security.client_ip"
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"

# Single sign-on with OpenID Connect (samverkan/sso.py), off unless OIDC_RP_CLIENT_ID is set:
# then the login page offers "Logga in med organisationens inloggning". README, Configuration.
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
# The provider's discovery document (…/.well-known/openid-configuration) gives the issuer and
# the endpoints below that are not set (samverkan.sso.oidc_setting).
OIDC_OP_DISCOVERY_URL = env.str("OIDC_OP_DISCOVERY_URL", default="")
OIDC_OP_ISSUER = env.str("OIDC_OP_ISSUER", default="").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_CLOCK_LEEWAY = env.int("OIDC_CLOCK_LEEWAY", default=60)  # seconds, for exp and iat
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10.0)
OIDC_USE_PKCE = True
OIDC_CREATE_USER = True  # only where the organisation asks for it: PortalOIDCBackend.create_user
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "login"
if OIDC_RP_CLIENT_ID:
    _needed = ["OIDC_RP_CLIENT_SECRET"]
    if not OIDC_OP_DISCOVERY_URL:
        _needed += [
            "OIDC_OP_ISSUER",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        ]
    _missing = [name for name in _needed if not globals()[name]]
    if _missing:
        raise ImproperlyConfigured(
            f"OIDC_RP_CLIENT_ID is set, so set {', '.join(_missing)} too "
            "(or OIDC_OP_DISCOVERY_URL for the provider's endpoints)."
        )

# Administrators log in with a second factor, a TOTP app (samverkan/second_factor.py), when on.
# Off by default (local runs and the demo); production should turn it on.
OTP_REQUIRED_FOR_ADMINS = env.bool("OTP_REQUIRED_FOR_ADMINS", default=False)
OTP_TOTP_ISSUER = "Samverkansportalen"
