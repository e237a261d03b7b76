from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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


login = SignInView.as_view()
logout = auth_views.LogoutView.as_view()
