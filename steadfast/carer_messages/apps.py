from django.apps import AppConfig


class CarerMessagesConfig(AppConfig):
    name = "steadfast.carer_messages"
    label = "carer_messages"
    verbose_name = "Messages to foster carers"
