"""Every feature's blueprint, in one list."""

from flask import Flask


def register(app: Flask) -> None:
    from participation.accounts import bp as accounts
    from participation.ideas import bp as ideas
    from participation.main import bp as main
    from participation.processes import bp as processes

    for blueprint in (main, accounts, processes, ideas):
        app.register_blueprint(blueprint)
