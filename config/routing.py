"""WebSocket routes of every app, gathered for ``config.asgi``."""

from community.routing import websocket_urlpatterns as community_routes
from forums.routing import websocket_urlpatterns as forum_routes

websocket_urlpatterns = [*community_routes, *forum_routes]
