from django.urls import path

from .views import across, entry, exchange, goals, overview, report

app_name = "indicators"

PERIOD = "<int:agreement_pk>/<int:year>/h<int:half>"

urlpatterns = [
    path("", overview.followup_index, name="index"),
    path("jamfor/", across.across_page, name="across"),
    path("jamfor/diagram.svg", across.across_chart, name="across_chart"),
    path("export/utfall.csv", exchange.export_all, {"fmt": "csv"}, name="export_all_csv"),
    path("export/utfall.xlsx", exchange.export_all, {"fmt": "xlsx"}, name="export_all_xlsx"),
    path("<int:agreement_pk>/", overview.followup_overview, name="overview"),
    path("<int:agreement_pk>/export/<str:fmt>/", exchange.export_agreement, name="export"),
    path(f"{PERIOD}/", report.report_detail, name="report"),
    path(f"{PERIOD}/analys/", report.report_save, name="report_save"),
    path(f"{PERIOD}/rapport.pdf", report.report_pdf, name="report_pdf"),
    path(f"{PERIOD}/rapport.pdf/skapa/", report.report_pdf_order, name="report_pdf_order"),
    path(f"{PERIOD}/granska/", report.report_review, name="review"),
    path(f"{PERIOD}/diagram/<int:indicator_pk>.svg", report.indicator_chart, name="chart"),
    path(f"{PERIOD}/utfall/", entry.measurement_entry, name="entry"),
    path(f"{PERIOD}/mall.xlsx", exchange.import_template, name="template"),
    path(f"{PERIOD}/mall.csv", exchange.import_template, {"fmt": "csv"}, name="template_csv"),
    path(f"{PERIOD}/import/", exchange.measurement_import, name="import"),
    path("<int:agreement_pk>/tidsfrister/", goals.settings_edit, name="settings"),
    path("<int:agreement_pk>/mal/", goals.goal_list, name="goals"),
    path("<int:agreement_pk>/mal/nytt/", goals.goal_edit, name="goal_create"),
    path("<int:agreement_pk>/mal/<int:goal_pk>/", goals.goal_edit, name="goal_edit"),
    path("<int:agreement_pk>/mal/<int:goal_pk>/ta-bort/", goals.goal_delete, name="goal_delete"),
    path(
        "<int:agreement_pk>/mal/<int:goal_pk>/ny-indikator/",
        goals.indicator_edit,
        name="indicator_create",
    ),
    path(
        "<int:agreement_pk>/indikator/<int:indicator_pk>/",
        goals.indicator_edit,
        name="indicator_edit",
    ),
    path(
        "<int:agreement_pk>/indikator/<int:indicator_pk>/ta-bort/",
        goals.indicator_delete,
        name="indicator_delete",
    ),
]
