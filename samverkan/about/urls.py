from django.urls import path

from . import views
from .models import InfoPage

app_name = "about"

urlpatterns = [
    path(
        "tillganglighet/",
        views.info_page,
        {"slug": InfoPage.Slug.ACCESSIBILITY},
        name="accessibility",
    ),
    path(
        "personuppgifter/",
        views.info_page,
        {"slug": InfoPage.Slug.PERSONAL_DATA},
        name="personal_data",
    ),
    path("kontakt/", views.info_page, {"slug": InfoPage.Slug.CONTACT}, name="contact"),
]
