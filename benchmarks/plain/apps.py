from django.apps import AppConfig


class PlainConfig(AppConfig):
    name = "benchmarks.plain"
    label = "bench_plain"
    default_auto_field = "django.db.models.AutoField"
