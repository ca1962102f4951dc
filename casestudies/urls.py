from django.urls import path
from wagtail.contrib.sitemaps.views import sitemap

from casestudies import views

app_name = "casestudies"

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("comments/post/<int:page_id>/", views.comment_post, name="comment_post"),
    path("comments/<int:comment_id>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:comment_id>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:comment_id>/flag/", views.comment_flag, name="comment_flag"),
    path("comments/<int:comment_id>/moderate/", views.comment_moderate, name="comment_moderate"),
    path("comments/moderation/", views.comment_moderation, name="comment_moderation"),
    path("comments/unfollow/<str:token>/", views.comment_unfollow, name="comment_unfollow"),
]
