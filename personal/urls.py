from ris_portal.routes import below, route

from . import views

app_name = "personal"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    below("aufgaben/",
        route("", views.TasksView, "tasks"),
        route("anzahl/", views.task_count, "task_count"),
        route("benachrichtigungen/", views.NotificationListView, "notifications"),
        route("benachrichtigungen/gelesen/", views.notifications_read, "notifications_read"),
        route("einstellungen/", views.SettingsView, "settings"),
        route("einstellungen/kalender/", views.calendar_token, "calendar_token"),
    ),
    route("benachrichtigungen/abbestellen/<str:token>/", views.unsubscribe, "unsubscribe"),
    route("kalender/<str:token>.ics", views.calendar_feed, "calendar_feed"),
]
# fmt: on
