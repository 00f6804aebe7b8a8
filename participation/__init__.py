"""The participation platform: ideas, votes, advisory councils, SDGs and the multi-year plan."""

from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, **overrides) -> Flask:
    from config import INSTANCE_DIR, ProductionConfig, get_config

    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    config = get_config(config_name)
    app.config.from_object(config)
    app.config.update(overrides)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from participation import database, i18n, numbers, page_cache, security, serving, session_cookie, text

    serving.init_app(app, production=issubclass(config, ProductionConfig))
    session_cookie.init_app(app)
    numbers.init_app(app)
    from participation.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    text.init_app(app)
    security.init_rate_limits(app)
    page_cache.init_app(app)

    from participation import blueprints, errors

    blueprints.register(app)
    errors.register(app)

    from participation.cli import register_commands

    register_commands(app)
    return app
