from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.forum_index, name="index"),
    path("c/<slug:slug>/", views.category_detail, name="category_detail"),
    path("c/<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("c/<slug:slug>/watch/", views.category_watch, name="category_watch"),
    path("t/<int:pk>/", views.topic_detail, name="topic_detail_short"),
    path("t/<int:pk>-<str:slug>/", views.topic_detail, name="topic_detail"),
    path("t/<int:pk>/reply/", views.post_create, name="post_create"),
    path("t/<int:pk>/watch/", views.topic_watch, name="topic_watch"),
    path("t/<int:pk>/moderate/", views.topic_moderate, name="topic_moderate"),
    path("t/<int:pk>/split/", views.topic_split, name="topic_split"),
    path("p/<int:pk>/", views.post_permalink, name="post_permalink"),
    path("p/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("p/<int:pk>/react/", views.post_react, name="post_react"),
    path("p/<int:pk>/accept/", views.post_accept, name="post_accept"),
    path("p/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path("p/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("moderation/flags/", views.flag_queue, name="flag_queue"),
    path("moderation/flags/<int:pk>/resolve/", views.flag_resolve, name="flag_resolve"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path(
        "groups/<slug:slug>/categories/new/",
        views.group_category_create,
        name="group_category_create",
    ),
    path("groups/<slug:slug>/rooms/new/", views.group_room_create, name="group_room_create"),
    path("rooms/", views.room_list, name="room_list"),
    path("rooms/<slug:slug>/", views.room_detail, name="room_detail"),
    path("rooms/<slug:slug>/post/", views.room_post, name="room_post"),
    path(
        "rooms/<slug:slug>/messages/<int:pk>/hide/",
        views.room_message_hide,
        name="room_message_hide",
    ),
]
