"""Gunicorn settings, read from the environment: gunicorn -c gunicorn.conf.py "participation:create_app()".

Each worker builds its own app and connection pool after the fork (no preload), so no database
connection is ever shared between processes; the pool replaces connections a database restart
has killed (participation.database.keep_connections_alive).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "20"))  # behind a proxy, longer than its idle timeout
preload_app = False
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
