"""Signals other features listen to.

`action_news` (sender=the list of ``services.News``) is sent when quarterly updates give actions news for
followers, inside the transaction that writes them, so a listener's mails land with the update. A listener
returns how many mails it queued.
"""

from blinker import Namespace

signals = Namespace()
action_news = signals.signal("action-news")

# Sent after an import wrote the plan, inside its transaction: listeners read the new texts.
plan_imported = signals.signal("plan-imported")
