"""A plain Wagtail page on the package's base template: the benchmark's yardstick."""
