"""Forms of the package, one module per concept."""
