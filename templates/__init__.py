"""Makes ``templates.runtime`` importable for its unit tests and mypy; not a template."""
