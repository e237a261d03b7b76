from django.urls import path

from . import views_signals

app_name = "monitoring"
urlpatterns = [
    path(
        "children/<int:pk>/signals/<str:rule>/consider/",
        views_signals.signal_consider,
        name="signal-consider",
    ),
    path("oversight/signals/", views_signals.oversight_signals, name="oversight-signals"),
]
