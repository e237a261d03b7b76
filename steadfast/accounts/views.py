from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url

from .forms import SignInForm
from .models import Role


def home(request: HttpRequest) -> HttpResponse:
    """The start page: a carer's is their portal; everyone else's is their children."""
    if request.user.role == Role.FOSTER_CARER:
        return redirect("portal:portal-home")
    return redirect("children:child-list")


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        # Every staff page answers a carer 404, so a carer starts in their portal.
        if self.request.user.role == Role.FOSTER_CARER:
            return resolve_url("portal:portal-home")
        return super().get_default_redirect_url()


login = SignInView.as_view()
logout = auth_views.LogoutView.as_view()
