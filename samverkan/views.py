import hashlib

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetView
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from .dashboard import widgets
from .forms import LoginForm
from .security import client_ip, rate_limit_hit
from .sso import sso_enabled


class PortalLoginView(LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Visitors without an account land here from "/": show them the public register.
        return super().get_context_data(
            public_register=settings.PUBLIC_REGISTER, sso_enabled=sso_enabled(), **kwargs
        )


class ThrottledPasswordResetView(PasswordResetView):
    """Password reset that cannot be used to flood a mailbox or the mail server.

    Over the limit per client address the form says so (429); over the limit per e-mail
    address the visitor sees the usual "sent" page and nothing is sent, so the page tells
    nobody whether the address has an account.
    """

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        period = settings.PASSWORD_RESET_LIMIT_PERIOD
        if rate_limit_hit(
            key=f"password-reset:ip:{client_ip(self.request)}",
            limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
            period=period,
        ):
            form.add_error(
                None,
                _(
                    "Du har begärt för många återställningar av lösenord. Vänta en stund och "
                    "försök igen."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"].strip().lower()
        if rate_limit_hit(
            key="password-reset:email:" + hashlib.sha256(email.encode()).hexdigest(),
            limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            period=period,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


@login_required
def dashboard(request):
    """One page per role, made of the widgets the domain apps register."""
    rendered = []
    for widget in widgets():
        context = widget.context(request)
        if context is not None:
            rendered.append((widget.template_name, context))
    return render(request, "samverkan/dashboard.html", {"widgets": rendered})
