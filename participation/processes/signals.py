"""Signals other features listen to.

`phases_changing` (sender=the process, phases=the checked list of PhaseDates) is sent by `save_process`
before an existing process's phases change. A listener refuses a change by raising
`processes.services.ProcessError` (votes: once someone voted, the vote phase can only be extended).
"""

from blinker import Namespace

signals = Namespace()
phases_changing = signals.signal("phases-changing")
