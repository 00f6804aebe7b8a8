"""Every feature's blueprint, in one list."""

from flask import Flask


def register(app: Flask) -> None:
    from participation.accounts import bp as accounts
    from participation.advisory import bp as advisory
    from participation.api import bp as api
    from participation.comments import bp as comments
    from participation.exports import bp as exports
    from participation.ideas import bp as ideas
    from participation.indicators import bp as indicators
    from participation.main import bp as main
    from participation.meetings import bp as meetings
    from participation.notifications import bp as notifications
    from participation.partners import bp as partners
    from participation.plan import bp as plan
    from participation.processes import bp as processes
    from participation.sdgs import bp as sdgs
    from participation.search import bp as search
    from participation.votes import bp as votes

    features = (main, accounts, processes, ideas, comments, notifications, votes, advisory, meetings, sdgs,
                indicators, plan, partners, exports, api, search)
    for blueprint in features:
        app.register_blueprint(blueprint)
    if app.config.get("DEVELOPMENT_MAILBOX") and not app.testing and app.config["MAIL_BACKEND"] == "log":
        # Only where mails are not really sent: a development machine trying the platform.
        from participation.mail import bp as mailbox

        app.register_blueprint(mailbox)
