"""Errors that selectors raise, independent of the layer that reports them.

A selector that finds nothing the viewer may see raises :class:`NotFound` — never
``Http404``, which belongs to views. Views get the 404 page from one place
(``core.middleware.NotFoundMiddleware``); consumers catch ``NotFound`` and close with
their own "not found" code.
"""

from __future__ import annotations


class NotFound(Exception):  # noqa: N818 - the domain's word, as in "Http404"
    """No such object, or none the viewer may see (indistinguishable on purpose)."""
