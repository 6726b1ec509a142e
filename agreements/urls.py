from django.urls import path

from .signing import views as signing
from .views import browse, comments, copying, data, drafts, edit, export, versions

app_name = "agreements"

urlpatterns = [
    path("", browse.agreement_list, name="list"),
    path("ny/", edit.agreement_create_view, name="create"),
    path("<int:pk>/", browse.agreement_detail, name="detail"),
    path("<int:pk>/uppgifter/", edit.agreement_edit, name="edit"),
    path("<int:pk>/avsnitt/<int:section>/", edit.section_edit, name="section_edit"),
    path("<int:pk>/versioner/", versions.version_list, name="versions"),
    path("<int:pk>/versioner/jamfor/", versions.version_compare, name="version_compare"),
    path("<int:pk>/versioner/<int:number>/", versions.version_detail, name="version_detail"),
    path("<int:pk>/versioner/<int:number>/pdf/", export.signed_pdf, name="signed_pdf"),
    path("<int:pk>/ny-fran-gallande/", copying.copy_from_in_force, name="copy_from_in_force"),
    path("<int:pk>/utkast.pdf", drafts.draft_pdf, name="draft_pdf"),
    path("<int:pk>/utkast.docx", drafts.draft_docx, name="draft_docx"),
    path("<int:pk>/versioner/<int:number>/utkast.pdf", drafts.draft_pdf, name="version_draft_pdf"),
    path(
        "<int:pk>/versioner/<int:number>/utkast.docx",
        drafts.draft_docx,
        name="version_draft_docx",
    ),
    path(
        "<int:pk>/versioner/<int:number>/pdf/forsok-igen/",
        signing.retry_signed_document,
        name="signed_pdf_retry",
    ),
    path("<int:pk>/bilagor/<int:appendix_pk>/fil/", export.appendix_file, name="appendix_file"),
    path(
        "<int:pk>/underskrifter/<int:signature_pk>/skanning/",
        export.signature_scan,
        name="signature_scan",
    ),
    path("<int:pk>/skicka-for-underskrift/", signing.send_for_signature, name="send_for_signature"),
    path("<int:pk>/underteckna/", signing.sign, name="sign"),
    path("<int:pk>/underteckna/papper/", signing.register_paper, name="register_paper"),
    path("<int:pk>/revidera/", signing.start_revision, name="start_revision"),
    path("data/", data.data_index, name="data"),
    path("data/<slug:key>.<slug:fmt>", data.data_table, name="data_table"),
    path("<int:pk>/data/", data.agreement_data, name="agreement_data"),
    path(
        "<int:pk>/data/<slug:key>.<slug:fmt>",
        data.agreement_data_table,
        name="agreement_data_table",
    ),
    path("<int:pk>/kommentarer/", comments.comment_list, name="comments"),
    path(
        "<int:pk>/kommentarer/<int:comment_pk>/svara/",
        comments.comment_reply_view,
        name="comment_reply",
    ),
    path(
        "<int:pk>/kommentarer/<int:comment_pk>/los/",
        comments.comment_resolve_view,
        name="comment_resolve",
    ),
    path("export/", export.export_page, name="export"),
    path("export/undertecknade.zip", export.export_zip, name="export_zip"),
    *[
        path(f"<int:pk>/{kind}/", edit.related_list_edit, {"kind": kind}, name=f"edit_{kind}")
        for kind in edit.RELATED_LISTS
    ],
]
