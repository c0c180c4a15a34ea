"""Optional integrations, each a sub-app of its own, imported only when installed."""
