"""WebSocket routes of every app, gathered for ``config.asgi``."""

websocket_urlpatterns: list = []
