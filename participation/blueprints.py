"""Every feature's blueprint, in one list."""

from flask import Flask


def register(app: Flask) -> None:
    from participation.accounts import bp as accounts
    from participation.api import bp as api
    from participation.exports import bp as exports
    from participation.main import bp as main
    from participation.processes import bp as processes

    for blueprint in (main, accounts, processes, exports, api):
        app.register_blueprint(blueprint)
