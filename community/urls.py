from django.urls import path

from .views import account, follows, groups, notifications, profiles

app_name = "community"

urlpatterns = [
    # Members and profiles
    path("members/", profiles.member_directory, name="member_directory"),
    path("members/<slug:handle>/", profiles.profile_detail, name="profile_detail"),
    path("members/<slug:handle>/follow/", profiles.member_follow, name="member_follow"),
    path("members/<slug:handle>/avatar/", profiles.member_avatar, name="member_avatar"),
    path("profile/", profiles.profile_edit, name="profile_edit"),
    path("profile/following/", follows.following, name="following"),
    path("follow/<slug:kind>/<int:pk>/", follows.follow_toggle, name="follow"),
    # Groups
    path("groups/", groups.group_list, name="group_list"),
    path("groups/new/", groups.group_create, name="group_create"),
    path("groups/<slug:slug>/", groups.group_detail, name="group_detail"),
    path("groups/<slug:slug>/edit/", groups.group_edit, name="group_edit"),
    path("groups/<slug:slug>/join/", groups.group_join, name="group_join"),
    path("groups/<slug:slug>/leave/", groups.group_leave, name="group_leave"),
    path("groups/<slug:slug>/follow/", groups.group_follow, name="group_follow"),
    path(
        "groups/<slug:slug>/request/withdraw/",
        groups.group_request_withdraw,
        name="group_request_withdraw",
    ),
    path("groups/<slug:slug>/members/", groups.group_members, name="group_members"),
    path(
        "groups/<slug:slug>/members/<slug:handle>/",
        groups.group_member_action,
        name="group_member_action",
    ),
    path("groups/<slug:slug>/requests/", groups.group_requests, name="group_requests"),
    path(
        "groups/<slug:slug>/requests/<int:pk>/",
        groups.group_request_decide,
        name="group_request_decide",
    ),
    path("groups/<slug:slug>/invitations/", groups.group_invitations, name="group_invitations"),
    path(
        "groups/<slug:slug>/invitations/<int:pk>/revoke/",
        groups.group_invitation_revoke,
        name="group_invitation_revoke",
    ),
    path("groups/<slug:slug>/roster/", groups.group_roster, name="group_roster"),
    path("invitations/<str:token>/", groups.invitation_detail, name="invitation_detail"),
    # Notifications
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/unread-count/", notifications.unread_count, name="unread_count"),
    path(
        "notifications/read-all/",
        notifications.notifications_read_all,
        name="notifications_read_all",
    ),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path("notifications/<int:pk>/read/", notifications.notification_read, name="notification_read"),
    path(
        "digest/unsubscribe/<str:token>/",
        notifications.digest_unsubscribe,
        name="digest_unsubscribe",
    ),
    # Leaving the platform
    path("profile/data/", account.account_data, name="account_data"),
    path("profile/data/export.json", account.account_export, name="account_export"),
    path("profile/data/export/", account.account_export_page, name="account_export_page"),
    path("profile/delete/", account.account_delete, name="account_delete"),
]
