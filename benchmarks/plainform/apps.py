from django.apps import AppConfig


class PlainFormConfig(AppConfig):
    name = "benchmarks.plainform"
    label = "bench_plainform"
    default_auto_field = "django.db.models.AutoField"
