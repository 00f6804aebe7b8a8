from blinker import Namespace

signals = Namespace()
idea_merged = signals.signal("idea-merged")
idea_status_changed = signals.signal("idea-status-changed")
