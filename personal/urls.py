from ris_portal.routes import route

from . import views

app_name = "personal"

# One route a line, to be read as a table: the formatter leaves these lines long.
# fmt: off
urlpatterns = [
    route("aufgaben/", views.TasksView, "tasks"),
    route("aufgaben/anzahl/", views.task_count, "task_count"),
    route("aufgaben/benachrichtigungen/", views.NotificationListView, "notifications"),
    route("aufgaben/benachrichtigungen/gelesen/", views.notifications_read, "notifications_read"),
    route("aufgaben/einstellungen/", views.SettingsView, "settings"),
    route("aufgaben/einstellungen/kalender/", views.calendar_token, "calendar_token"),
    route("benachrichtigungen/abbestellen/<str:token>/", views.unsubscribe, "unsubscribe"),
    route("kalender/<str:token>.ics", views.calendar_feed, "calendar_feed"),
]
# fmt: on
