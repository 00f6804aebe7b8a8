"""Every feature's blueprint, in one list."""

from flask import Flask


def register(app: Flask) -> None:
    from participation.accounts import bp as accounts
    from participation.main import bp as main
    from participation.processes import bp as processes
    from participation.votes import bp as votes

    for blueprint in (main, accounts, processes, votes):
        app.register_blueprint(blueprint)
