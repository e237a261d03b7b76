from django.urls import path

from . import views

app_name = "subject_access"
urlpatterns = [
    path("bundles/", views.bundle_list, name="bundle-list"),
    path("bundles/add/", views.bundle_add, name="bundle-add"),
    path("bundles/make/", views.bundle_make, name="bundle-make"),
    path("bundles/<int:pk>/", views.bundle_detail, name="bundle-detail"),
    path("bundles/<int:pk>/bundle.json", views.bundle_json, name="bundle-json"),
    path("bundles/<int:pk>/bundle.pdf", views.bundle_pdf, name="bundle-pdf"),
    path("bundles/<int:pk>/draw-pdf/", views.bundle_pdf_again, name="bundle-pdf-again"),
]
