# The Python package and the labextension ship with the same version; the frontend compares
# them at start to detect a stale server extension.
__version__ = "0.1.0"
