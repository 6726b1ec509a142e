from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Överenskommelser")

    def ready(self):
        from samverkan.demo import DemoLoader, register_demo_loader
        from samverkan.queue import sweeper_register

        from . import dashboard, demo, panels, reminders, scale, tasks

        dashboard.register()
        panels.register()
        reminders.register()
        scale.register()
        sweeper_register(key="agreements.signed_documents", sweep=tasks.signed_documents_sweep)
        # After the parties and users (order 0); indicators and meetings build on these.
        register_demo_loader(DemoLoader(key="agreements", load=demo.load_agreements, order=10))
        register_demo_loader(
            DemoLoader(key="agreements.signed", load=demo.sign_demo_agreements, order=90)
        )
