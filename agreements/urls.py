from django.urls import path

from .views import browse, edit

app_name = "agreements"

urlpatterns = [
    path("", browse.agreement_list, name="list"),
    path("ny/", edit.agreement_create_view, name="create"),
    path("<int:pk>/", browse.agreement_detail, name="detail"),
    path("<int:pk>/uppgifter/", edit.agreement_edit, name="edit"),
    path("<int:pk>/avsnitt/<int:section>/", edit.section_edit, name="section_edit"),
    *[
        path(f"<int:pk>/{kind}/", edit.related_list_edit, {"kind": kind}, name=f"edit_{kind}")
        for kind in edit.RELATED_LISTS
    ],
]
