from django.apps import AppConfig


class SupportRequestsConfig(AppConfig):
    name = "steadfast.support_requests"
    label = "support_requests"
    verbose_name = "Requests for help"
