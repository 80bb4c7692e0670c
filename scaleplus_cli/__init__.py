"""scaleplus: a Whole-System-in-the-Room retreat kept as a folder of YAML files."""

__version__ = "0.2.0"
