"""Pages without login: the public register and the verification of signed PDFs."""

from django.urls import path

from .views import public

app_name = "public"

urlpatterns = [
    path("register/", public.register, name="register"),
    path("register/<int:pk>/", public.register_detail, name="register_detail"),
    path("register/<int:pk>/overenskommelse.pdf", public.register_pdf, name="register_pdf"),
    path("verifiera/", public.verify, name="verify"),
    path("verifiera/<token:code>/", public.verify_code, name="verify_code"),
]
