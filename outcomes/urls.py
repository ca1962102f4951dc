from django.urls import path, re_path

from .views import certificates, dashboard, followup, frameworks, lineage, needs

app_name = "outcomes"

urlpatterns = [
    path("outcomes/frameworks/<int:pk>/", frameworks.framework_detail, name="framework_detail"),
    path("outcomes/follow-up/<str:token>/", followup.answer, name="answer"),
    path("outcomes/my-follow-ups/", followup.my_follow_ups_view, name="my_follow_ups"),
    path(
        "outcomes/cohorts/<slug:slug>/follow-up/",
        followup.cohort_follow_up,
        name="cohort_follow_up",
    ),
    path(
        "outcomes/cohorts/<slug:slug>/certificates/",
        certificates.cohort_certificates,
        name="cohort_certificates_issue",
    ),
    path(
        "outcomes/cohorts/<slug:slug>/badges/new/",
        certificates.badge_award,
        name="badge_award",
    ),
    path(
        "outcomes/questionnaires/<int:pk>/edit/",
        followup.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path("outcomes/dashboard/", dashboard.dashboard_index, name="dashboard"),
    path(
        "outcomes/dashboard/cohorts/<slug:slug>/",
        dashboard.cohort_dashboard,
        name="cohort_dashboard",
    ),
    path(
        "outcomes/dashboard/cohorts/<slug:slug>/evidence.csv",
        dashboard.cohort_dashboard,
        {"fmt": "csv"},
        name="cohort_dashboard_csv",
    ),
    path(
        "outcomes/dashboard/cohorts/<slug:slug>/responses/",
        dashboard.cohort_responses,
        name="cohort_responses",
    ),
    path(
        "outcomes/dashboard/courses/<slug:external_id>/",
        dashboard.course_dashboard,
        name="course_dashboard",
    ),
    path(
        "outcomes/dashboard/courses/<slug:external_id>/evidence.csv",
        dashboard.course_dashboard,
        {"fmt": "csv"},
        name="course_dashboard_csv",
    ),
    path("outcomes/replications/", lineage.replications_view, name="replications"),
    path("needs/", needs.need_list_view, name="need_list"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/gaps/", needs.gap_map_view, name="gap_map"),
    path("needs/<int:pk>/", needs.need_detail, name="need_detail"),
    path("needs/<int:pk>/endorse/", needs.need_endorse, name="need_endorse"),
    path("certificates/issuer.json", certificates.issuer, name="issuer"),
    path("certificates/verify/", certificates.verify, name="verify"),
    re_path(
        r"^certificates/(?P<uuid>[0-9a-f-]{36})\.json$",
        certificates.certificate_json,
        name="certificate_json",
    ),
    path("certificates/<uuid:uuid>/", certificates.certificate_detail, name="certificate_detail"),
    path(
        "certificates/<uuid:uuid>/revoke/",
        certificates.certificate_revoke,
        name="certificate_revoke",
    ),
]
