from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import render

from .dashboard import widgets
from .forms import LoginForm


class PortalLoginView(LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Visitors without an account land here from "/": show them the public register.
        return super().get_context_data(public_register=settings.PUBLIC_REGISTER, **kwargs)


@login_required
def dashboard(request):
    """One page per role, made of the widgets the domain apps register."""
    rendered = []
    for widget in widgets():
        context = widget.context(request)
        if context is not None:
            rendered.append((widget.template_name, context))
    return render(request, "samverkan/dashboard.html", {"widgets": rendered})
