from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from .forms import SignInForm

SIGNED_OUT_MESSAGE = "You have signed out"


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Signs out, and says so on the sign-in page it goes back to."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, SIGNED_OUT_MESSAGE)
        return response


login = SignInView.as_view()
logout = SignOutView.as_view()
