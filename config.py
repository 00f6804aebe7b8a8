"""Settings, read from the environment with safe defaults for development.

Every setting can be given as an environment variable of the same name. `PARTICIPATION_ENV`
chooses the set: development (default), production or testing.
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
DEV_SECRET = "development-only-secret-key-change-me"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str] | None:
    """A comma-separated list, or None when the variable is not set."""
    value = os.environ.get(name)
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int | None) -> int | None:
    value = os.environ.get(name)
    return default if value is None or not value.strip() else int(value)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'participation.db'}"
    )
    # A pooled connection is replaced after this many seconds (before a server or firewall drops it
    # unseen), and one that lay unused longer than DATABASE_PING_AFTER_SECONDS is checked with one round
    # trip before use (database.keep_connections_alive): a connection a database restart killed is then
    # replaced without a failed request, while a busy worker pays no round trip per request.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_recycle": env_int("DATABASE_POOL_RECYCLE", 1800)}
    DATABASE_PING_AFTER_SECONDS = env_int("DATABASE_PING_AFTER_SECONDS", 10)
    SQLALCHEMY_RECORD_QUERIES = False

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"
    LANGUAGES = ("nl", "fr", "en")
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = timedelta(days=env_int("REMEMBER_DAYS", 30))
    LOGIN_HOURS = env_int("LOGIN_HOURS", 12)  # a login without "stay logged in" ends after this

    # The address of the site as residents reach it; every link in a mail starts with it.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    # Host names the site answers to; unset: the host of PUBLIC_URL (and localhost outside production).
    TRUSTED_HOSTS = env_list("TRUSTED_HOSTS")
    PROXY_COUNT = env_int("PROXY_COUNT", 0)  # reverse proxies in front whose X-Forwarded-For/-Proto count
    HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
    HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", False)
    PLAN_UPLOAD_MAX_MB = env_int("PLAN_UPLOAD_MAX_MB", 5)
    # Bounds on the work one plan file may cause: refused before reading when over the first two.
    PLAN_IMPORT_MAX_UNPACKED_MB = env_int("PLAN_IMPORT_MAX_UNPACKED_MB", 50)
    PLAN_IMPORT_MAX_ROWS = env_int("PLAN_IMPORT_MAX_ROWS", 20_000)
    PLAN_IMPORT_MAX_ERRORS = env_int("PLAN_IMPORT_MAX_ERRORS", 200)  # listed; the others only counted
    # Photos of ideas: kept in this folder (made by the platform, never the uploaded file itself).
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(INSTANCE_DIR / "uploads"))
    IMAGE_MAX_MB = env_int("IMAGE_MAX_MB", 5)
    IMAGES_PER_IDEA = env_int("IMAGES_PER_IDEA", 3)
    # The map of a process's ideas: the tile server (empty: no tiles, the markers on a plain ground)
    # and the words it asks to be credited with. Its origin is added to the CSP's img-src.
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    MAP_TILE_ATTRIBUTION = os.environ.get(
        "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors (openstreetmap.org/copyright)"
    )
    # unset: the largest form (the plan upload, or an idea with all its photos) plus 1 MB
    MAX_CONTENT_LENGTH = env_int("MAX_CONTENT_LENGTH", None)

    REDIS_URL = os.environ.get("REDIS_URL")
    # Whole pages for anonymous visitors (participation/page_cache.py), in Redis when REDIS_URL is set.
    PAGE_CACHE = env_bool("PAGE_CACHE", True)
    PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)  # also how late a phase that opens by the clock shows
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    # X-RateLimit-* on every limited answer costs two more reads of the limiter's storage per request (a
    # vote is limited); a refusal (429) says when to try again in Retry-After either way (errors.py).
    RATELIMIT_HEADERS_ENABLED = env_bool("RATELIMIT_HEADERS_ENABLED", False)
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute")
    SUBMIT_RATE_LIMIT = os.environ.get("SUBMIT_RATE_LIMIT", "20 per hour")
    VOTE_RATE_LIMIT = os.environ.get("VOTE_RATE_LIMIT", "60 per minute")
    # Failed logins for one account from one client address before that address must wait.
    LOCKOUT_THRESHOLD = int(os.environ.get("LOCKOUT_THRESHOLD", "5"))
    LOCKOUT_MINUTES = int(os.environ.get("LOCKOUT_MINUTES", "15"))

    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "log")  # log or smtp
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "participatie@example.org")
    CONFIRM_TOKEN_MAX_AGE = int(os.environ.get("CONFIRM_TOKEN_MAX_AGE", str(3 * 24 * 3600)))
    RESET_TOKEN_MAX_AGE = int(os.environ.get("RESET_TOKEN_MAX_AGE", str(2 * 3600)))
    ACCOUNT_MAIL_MINUTES = env_int("ACCOUNT_MAIL_MINUTES", 5)  # one mail of a kind per address per this
    PER_PAGE = int(os.environ.get("PER_PAGE", "20"))
    # The mails readable in the browser at /ontwikkeling/mails: development only, never from the environment.
    DEVELOPMENT_MAILBOX = False


class DevelopmentConfig(Config):
    DEBUG = False
    DEVELOPMENT_MAILBOX = True


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    PUBLIC_URL = "http://localhost"
    TRUSTED_HOSTS = None
    PROXY_COUNT = 0
    HSTS_SECONDS = 0
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_BACKEND = "outbox"
    PAGE_CACHE = False  # on in the tests of the page cache (tests/ideas/test_page_cache.py)
    REDIS_URL = None


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    PUBLIC_URL = os.environ.get("PUBLIC_URL")
    HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600)

    @classmethod
    def check(cls) -> None:
        if cls.SECRET_KEY in ("", DEV_SECRET) or len(cls.SECRET_KEY) < 32:
            raise RuntimeError(
                "Production needs a real SECRET_KEY (32 characters or more) in the environment."
            )
        if not cls.PUBLIC_URL:
            raise RuntimeError(
                "Production needs PUBLIC_URL, the address residents use (e.g. https://participatie.stad.be): "
                "links in mails start with it."
            )


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def get_config(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("PARTICIPATION_ENV", "development")
    config = CONFIGS[name]
    if config is ProductionConfig:
        ProductionConfig.check()
    return config
