from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("ws/forums/topics/<int:pk>/", consumers.TopicConsumer.as_asgi()),
    path("ws/rooms/<slug:slug>/", consumers.RoomConsumer.as_asgi()),
]
