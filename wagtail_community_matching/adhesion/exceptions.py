"""Exceptions of the package."""


class ReviewError(ValueError):
    """A review action that is not allowed; its message is shown to the reviewer."""
