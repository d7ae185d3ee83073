"""First Session: get ready for a first counselling or therapy session."""

__version__ = "0.1.0"
