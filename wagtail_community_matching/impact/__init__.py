"""Impact data: reporting periods, validation, aggregation, signed report links, CSV.

The models live in :mod:`wagtail_community_matching.impact.pages` and
:mod:`wagtail_community_matching.impact.models`; this package holds the
logic around them, importable without touching the models at import time.
"""
