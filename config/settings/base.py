"""Settings shared by every environment.

Values come from the environment (django-environ); every default here is safe for the
one-command demo, which needs no environment at all. ``production.py`` only overrides.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import sso

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()


def parse_host_port(value: str, name: str) -> tuple[str, int]:
    """``"host:port"`` from a list in the environment; anything else stops start-up."""
    host, _sep, port = value.strip().rpartition(":")
    if not host or not port.isdigit():
        raise ImproperlyConfigured(f"{name}: {value!r} is not host:port.")
    return host, int(port)


# ---------------------------------------------------------------------------
# Core
# ---------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="insecure-demo-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

# ---------------------------------------------------------------------------
# Applications
# ---------------------------------------------------------------------------
DJANGO_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.saml",
    "django_comments_xtd",
    "django_comments",
    "channels",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
]
LOCAL_APPS = [
    "core",
    "taxonomy",
    "community",
    # allauth's OpenID Connect provider with the ID token's signature and nonce checked.
    "community.oidc",
    "casestudies",
    "inventory",
    "forums",
    "search",
    "outcomes",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.HostHeaderMiddleware",
    "core.page_cache.SafeGZipMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "community.middleware.SignedInProviderMiddleware",
    "core.i18n.PreferredLanguageRedirectMiddleware",
    "core.page_cache.PageCacheMiddleware",
    "core.structure.CachedSiteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.ratelimit.RouteRateLimitMiddleware",
    "core.middleware.NotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.site_chrome",
            ],
        },
    },
]

# ---------------------------------------------------------------------------
# Databases, cache, channel layer
# ---------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'demo.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction mode a server connection is only ours for one
# transaction: a server-side cursor (``.iterator()``) opened in one would be gone in the
# next. Django then fetches query results in one go.
# https://docs.djangoproject.com/en/5.2/ref/databases/#transaction-pooling-server-side-cursors
DB_DISABLE_SERVER_SIDE_CURSORS = env.bool("DB_DISABLE_SERVER_SIDE_CURSORS", default=False)
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DB_DISABLE_SERVER_SIDE_CURSORS

REDIS_URL = env("REDIS_URL", default="")
# Redis behind Sentinel: the sentinels' "host:port" list and the name of the master they
# watch. The cache and the channel layer then ask the sentinels where the master is, and
# follow a failover (core/cache.py, forums/layers.py); REDIS_URL is not needed.
REDIS_SENTINELS = [
    parse_host_port(value, "REDIS_SENTINELS") for value in env.list("REDIS_SENTINELS", default=[])
]
REDIS_SENTINEL_MASTER = env("REDIS_SENTINEL_MASTER", default="")
REDIS_SENTINEL_DB = env.int("REDIS_SENTINEL_DB", default=0)
if REDIS_SENTINELS and not REDIS_SENTINEL_MASTER:
    raise ImproperlyConfigured("REDIS_SENTINELS is set: name the master in REDIS_SENTINEL_MASTER.")

if REDIS_URL or REDIS_SENTINELS:
    _redis_timeouts = {"socket_connect_timeout": 2, "socket_timeout": 2}
    if REDIS_SENTINELS:
        _cache_location = f"sentinel://{REDIS_SENTINEL_MASTER}/{REDIS_SENTINEL_DB}"
        _cache_options = {
            "sentinels": REDIS_SENTINELS,
            "master_name": REDIS_SENTINEL_MASTER,
            "db": REDIS_SENTINEL_DB,
            **_redis_timeouts,
        }
        # channels-redis builds a SentinelConnectionPool from a host with "sentinels".
        _layer_host = {
            "sentinels": REDIS_SENTINELS,
            "master_name": REDIS_SENTINEL_MASTER,
            "db": REDIS_SENTINEL_DB,
            "socket_connect_timeout": 2,
        }
    else:
        _cache_location, _cache_options, _layer_host = REDIS_URL, _redis_timeouts, REDIS_URL
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": _cache_location,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="pc"),
            "OPTIONS": _cache_options,
        }
    }
    # The local fan-out layer (``forums.layers``) sends a group message over Redis
    # pub/sub once per worker and hands the same decoded message to every socket of
    # that worker; issue 16 compares it with channels-redis' layers
    # (``tests/bench/bench_forums_ws.py --layer``). ``capacity`` and ``expiry`` only
    # apply to ``channels_redis.core.RedisChannelLayer``.
    CHANNEL_LAYER_BACKEND = env(
        "CHANNEL_LAYER_BACKEND", default="forums.layers.LocalFanoutChannelLayer"
    )
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": CHANNEL_LAYER_BACKEND,
            "CONFIG": {
                "hosts": [_layer_host],
                "prefix": env("CHANNEL_LAYER_PREFIX", default="pc"),
                **(
                    {"capacity": 1500, "expiry": 30}
                    if CHANNEL_LAYER_BACKEND == "channels_redis.core.RedisChannelLayer"
                    else {}
                ),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Anonymous pages from the cache (core.page_cache): seconds an entry lives, and a
# shorter life for pages that show live activity (matched without the language prefix).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=600)
PAGE_CACHE_LIVE_TIMEOUT = env.int("PAGE_CACHE_LIVE_TIMEOUT", default=15)
PAGE_CACHE_LIVE_PATTERNS = [r"^/$", r"^/forums/", r"^/groups/", r"^/events/"]

# ---------------------------------------------------------------------------
# Background work (django-tasks). Immediate unless a worker is configured.
# ---------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# ---------------------------------------------------------------------------
# Search: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise.
# ---------------------------------------------------------------------------
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH = {
    "ELASTICSEARCH_URL": ELASTICSEARCH_URL,
    "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="pc"),
    "TIMEOUT": env.float("ELASTICSEARCH_TIMEOUT", default=2.0),
    "MAX_RETRIES": env.int("ELASTICSEARCH_MAX_RETRIES", default=1),
    # Language analyzers need the analysis-common module of a full cluster; the core
    # "standard" analyzer works everywhere, including the integration-test node.
    "LANGUAGE_ANALYZERS": env.bool("ELASTICSEARCH_LANGUAGE_ANALYZERS", default=False),
    # A production cluster: ELASTICSEARCH_URL may list several nodes (comma-separated),
    # or ELASTICSEARCH_CLOUD_ID names an Elastic Cloud deployment; an API key or a user
    # and password authenticate; ELASTICSEARCH_CA_CERTS verifies TLS (search/connection.py).
    "CLOUD_ID": env("ELASTICSEARCH_CLOUD_ID", default=""),
    "API_KEY": env("ELASTICSEARCH_API_KEY", default=""),
    "USERNAME": env("ELASTICSEARCH_USERNAME", default=""),
    "PASSWORD": env("ELASTICSEARCH_PASSWORD", default=""),
    "CA_CERTS": env("ELASTICSEARCH_CA_CERTS", default=""),
    "VERIFY_CERTS": env.bool("ELASTICSEARCH_VERIFY_CERTS", default=True),
    # Shards and replicas of new indexes. Unset replicas mean auto_expand_replicas "0-1":
    # one copy on another node once there are two, so a lost node loses no results.
    "NUMBER_OF_SHARDS": env.int("SEARCH_NUMBER_OF_SHARDS", default=1),
    "NUMBER_OF_REPLICAS": env.int("SEARCH_NUMBER_OF_REPLICAS", default=None),
    "AUTO_EXPAND_REPLICAS": env("SEARCH_AUTO_EXPAND_REPLICAS", default="0-1"),
}
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# ---------------------------------------------------------------------------
# Authentication (django-allauth)
# ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# allauth's limits (merged over its defaults): failed log-ins lock an address out after
# 10 a minute and an account after 5 in 5 minutes, until the window has passed.
ACCOUNT_RATE_LIMITS = {
    "login": env("ACCOUNT_RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": env("ACCOUNT_RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "signup": env("ACCOUNT_RATE_LIMIT_SIGNUP", default="20/m/ip"),
    "reset_password": env("ACCOUNT_RATE_LIMIT_RESET_PASSWORD", default="20/m/ip,5/m/key"),
}
ACCOUNT_ADAPTER = "community.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "community.forms.LoginForm", "signup": "community.forms.SignupForm"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# ---------------------------------------------------------------------------
# Single sign-on (allauth socialaccount): OpenID Connect and SAML 2.0 identity providers,
# from the Django admin (Social applications) or from the environment (config/sso.py).
# Which organisation a provider stands for, its email domains and the groups its members
# join: "Organisation sign-ins" in the Django admin (community.models.OrganisationSignIn).
# ---------------------------------------------------------------------------
SOCIALACCOUNT_ADAPTER = "community.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": sso.oidc_apps(env("SSO_OIDC_PROVIDERS", default="")),
    },
    "saml": {"APPS": sso.saml_apps(env("SSO_SAML_PROVIDERS", default=""))},
}
# A provider that asserts a verified address is believed; otherwise the address is
# confirmed by email, as for a password sign-up.
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_AUTO_SIGNUP = True
# Never connect an account because the addresses match: the member proves they own the
# account first (community.adapters.SocialAccountAdapter.pre_social_login).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
# Seconds of difference tolerated between our clock and the provider's on an ID token.
SSO_CLOCK_SKEW_LEEWAY = env.int("SSO_CLOCK_SKEW_LEEWAY", default=60)
MFA_TOTP_ISSUER = "Practice Commons"

# ---------------------------------------------------------------------------
# Email
# ---------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Practice Commons <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Internationalisation
# ---------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Editors translate pages and inventory snippets into these languages (the fr/es Locale
# rows come from casestudies' migration 0003); readers get their language when a live
# translation exists and the original otherwise (casestudies.models.base).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# ---------------------------------------------------------------------------
# Static and media files
# ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Files only a permission-checked view serves (avatars): never under MEDIA_ROOT, which
# the web server hands to anyone (see community/storage.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "community.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# ---------------------------------------------------------------------------
# Wagtail
# ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Practice Commons"
# The site's one public address: emails, digests, feeds, the sitemap, credential ids
# and both Site rows (Django's for allauth, Wagtail's) follow it (core/addresses.py).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
# Wagtail 8 autosaves drafts while an editor types (milliseconds between saves; 0 turns
# it off). The browser journeys turn it off so that "Submit" is the only save.
WAGTAIL_AUTOSAVE_INTERVAL = env.int("WAGTAIL_AUTOSAVE_INTERVAL", default=500)
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# ---------------------------------------------------------------------------
# Comments (django-comments-xtd)
# ---------------------------------------------------------------------------
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MAX_THREAD_LEVEL = 3
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_SALT = env("COMMENTS_XTD_SALT", default="practice-commons-comments").encode()
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------------------
# Outcomes: follow-up links and verifiable certificates
# ---------------------------------------------------------------------------
# An Ed25519 private key (PEM) that signs certificates. Unset: a deterministic key
# derived from SECRET_KEY (fine for the demo and tests, never for a real issuer).
CERTIFICATE_SIGNING_KEY = env("CERTIFICATE_SIGNING_KEY", default="")

# ---------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.api.CappedPageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="120/min"),
        "user": env("API_THROTTLE_USER", default="600/min"),
    },
}

# ---------------------------------------------------------------------------
# Rate limits of the site's own views (core/ratelimit.py), per member or, for
# visitors, per address: "<requests>/<period>" with period s, m, h or d ("5/10s").
# ---------------------------------------------------------------------------
RATE_LIMITS_ENABLED = env.bool("RATE_LIMITS_ENABLED", default=True)
RATE_LIMITS = {
    "search": env("RATE_LIMIT_SEARCH", default="60/m"),
    "autocomplete": env("RATE_LIMIT_AUTOCOMPLETE", default="120/m"),
    "comment": env("RATE_LIMIT_COMMENT", default="10/m"),
    "need": env("RATE_LIMIT_NEED", default="10/h"),
    "endorse": env("RATE_LIMIT_ENDORSE", default="30/m"),
    "verify": env("RATE_LIMIT_VERIFY", default="30/m"),
    "sso_callback": env("RATE_LIMIT_SSO_CALLBACK", default="30/m"),
}
# Views we do not write ourselves (allauth's), limited by their URL name.
RATE_LIMITED_ROUTES = {
    "openid_connect_callback": "sso_callback",
    "saml_acs": "sso_callback",
    "saml_finish_acs": "sso_callback",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Practice Commons API",
    "DESCRIPTION": "Read-only access to the inventory, recommendations and search.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["core.api.only_public_api"],
}

# ---------------------------------------------------------------------------
# Security defaults (tightened in production.py)
# ---------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# ---------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        "daphne": {"level": "WARNING"},
    },
}
