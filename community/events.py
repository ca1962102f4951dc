"""What community announces to the other apps, so that they need not watch its models.

- :data:`group_privacy_changed` (``group_id``, ``privacy``, ``previous``) is sent after
  the commit that changed a group's privacy (``services.group_update``): who may see the
  group's content changed, so search reindexes it.
"""

from django.dispatch import Signal

group_privacy_changed = Signal()
