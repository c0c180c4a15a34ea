"""The package's models in wagtail-modeladmin: a "Community matching" ModelAdmin group.

Add ``"wagtail_modeladmin"`` and ``"wagtail_community_matching.contrib.modeladmin"`` to
``INSTALLED_APPS`` (the ``modeladmin`` extra installs wagtail-modeladmin) and set
``WAGTAIL_COMMUNITY_MATCHING["ADMIN_INTERFACE"] = "modeladmin"``; docs/modeladmin.md.
"""
