"""The advisor: reads an ML project without running it and reports green tactics."""

__version__ = "0.1.0"
