"""SageMaker Studio's experiments, debugger, endpoints and monitoring views for JupyterLab."""

from ._version import __version__

__all__ = ["__version__"]


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "churn-studio-ext"}]


def _jupyter_server_extension_points():
    from .server.app import ChurnStudioApp

    return [{"module": "churn_studio_ext", "app": ChurnStudioApp}]
