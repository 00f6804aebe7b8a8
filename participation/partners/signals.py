"""Where other features tell what a partner takes part in.

A feature that relates processes to partners (invitations, say) connects two listeners:

- ``processes_of_partner`` (sender=the ``Partner``) returns the processes it takes part in, a list;
- ``process_counts`` (sender=None, viewer=the person looking) returns {partner id: number of processes the
  viewer may see}, in one query.

The partner's page and the index show the union of what the listeners return; with none, no process.
"""

from blinker import Namespace

signals = Namespace()
processes_of_partner = signals.signal("partner-processes")
process_counts = signals.signal("partner-process-counts")
