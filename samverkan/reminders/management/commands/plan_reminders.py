from datetime import date

from django.core.management.base import BaseCommand

from samverkan.reminders.tasks import plan_and_enqueue


class Command(BaseCommand):
    help = "Plan today's reminders and enqueue what is waiting (what beat runs daily)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD, for trials")

    def handle(self, *args, today=None, **options):
        result = plan_and_enqueue(today=today)
        self.stdout.write(f"planned={result.planned} enqueued={len(result.to_enqueue)}")
