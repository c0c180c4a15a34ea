"""Views of the package, one module per user action."""
