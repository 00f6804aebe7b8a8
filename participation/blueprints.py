"""Every feature's blueprint, in one list."""

from flask import Flask


def register(app: Flask) -> None:
    from participation.accounts import bp as accounts
    from participation.advisory import bp as advisory
    from participation.main import bp as main
    from participation.processes import bp as processes

    for blueprint in (main, accounts, processes, advisory):
        app.register_blueprint(blueprint)
