from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Mål och uppföljning")

    def ready(self):
        from samverkan.queue import sweeper_register

        from . import demo, registration, reminders, scale, statistics_setup, tasks

        registration.register()
        demo.register()
        statistics_setup.register()
        reminders.register()
        scale.register()
        sweeper_register(key="indicators.kolada_runs", sweep=tasks.kolada_runs_sweep)
