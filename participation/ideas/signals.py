"""Signals other features listen to.

`idea_merged` (sender=the duplicate, target=the idea kept, actor=user) is sent inside the merge
transaction, before the commit, so a listener can move what it owns (votes) in the same transaction.
`idea_status_changed` (sender=idea, change=IdeaStatusChange) is sent when an idea moves.
"""

from blinker import Namespace

signals = Namespace()
idea_merged = signals.signal("idea-merged")
idea_status_changed = signals.signal("idea-status-changed")
