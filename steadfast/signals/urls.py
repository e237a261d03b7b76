from django.urls import path

from . import views

app_name = "signals"
urlpatterns = [
    path("children/<int:pk>/signals/<str:rule>/consider/", views.signal_consider, name="consider"),
]
