from django.urls import path

from . import views

app_name = "personal"

urlpatterns = [
    path("aufgaben/", views.TasksView.as_view(), name="tasks"),
    path("aufgaben/anzahl/", views.task_count, name="task_count"),
    path(
        "aufgaben/benachrichtigungen/",
        views.NotificationListView.as_view(),
        name="notifications",
    ),
    path(
        "aufgaben/benachrichtigungen/gelesen/",
        views.notifications_read,
        name="notifications_read",
    ),
    path("aufgaben/einstellungen/", views.SettingsView.as_view(), name="settings"),
    path("aufgaben/einstellungen/kalender/", views.calendar_token, name="calendar_token"),
    path("benachrichtigungen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
