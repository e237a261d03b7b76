from django.urls import path

from . import views

app_name = "grids"
urlpatterns = [
    path("children/<int:child_id>/grids/make/", views.grid_make, name="grid-make"),
    path("grids/<int:pk>/", views.grid_detail, name="grid-detail"),
    path("grids/<int:pk>/contributors/add/", views.grid_contributor_add, name="grid-contributor-add"),
    path("grids/<int:pk>/statements/add/", views.grid_statement_add, name="grid-statement-add"),
    path(
        "grids/<int:pk>/statements/<int:statement_id>/change/",
        views.grid_statement_change,
        name="grid-statement-change",
    ),
    path(
        "grids/<int:pk>/statements/<int:item_id>/withdraw/",
        views.grid_item_withdraw,
        {"kind": "statement"},
        name="grid-statement-withdraw",
    ),
    path("grids/<int:pk>/scores/add/", views.grid_score_add, name="grid-score-add"),
    path(
        "grids/<int:pk>/scores/<int:item_id>/withdraw/",
        views.grid_item_withdraw,
        {"kind": "score"},
        name="grid-score-withdraw",
    ),
    path("grids/<int:pk>/impact/", views.grid_impact, name="grid-impact"),
    path("grids/<int:pk>/steps/add/", views.grid_step_add, name="grid-step-add"),
    path(
        "grids/<int:pk>/steps/<int:step_id>/to-meeting/",
        views.grid_step_to_meeting,
        name="grid-step-to-meeting",
    ),
    path(
        "grids/<int:pk>/steps/<int:item_id>/withdraw/",
        views.grid_item_withdraw,
        {"kind": "step"},
        name="grid-step-withdraw",
    ),
    path("grids/<int:pk>/finish/", views.grid_finish, name="grid-finish"),
    path("grids/<int:pk>/reopen/", views.grid_reopen, name="grid-reopen"),
    path("grids/<int:pk>/grid.pdf", views.grid_pdf, name="grid-pdf"),
    path("grids/<int:pk>/grid.docx", views.grid_docx, name="grid-docx"),
]
