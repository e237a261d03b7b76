from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "steadfast.security"
    label = "security"
