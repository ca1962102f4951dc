"""Small helpers the community services share. Who may do what is decided in
:mod:`community.rules`; where the site lives, in :mod:`core.addresses`."""

from __future__ import annotations

from core.addresses import absolute_url

__all__ = ["absolute_url"]
