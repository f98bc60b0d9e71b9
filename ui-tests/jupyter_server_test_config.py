"""Jupyter server settings for the UI tests: Galata's test defaults, bound to 127.0.0.1."""

import os

from jupyterlab.galata import configure_jupyter_server

c = get_config()  # noqa: F821 -- provided by Jupyter when it loads this file

configure_jupyter_server(c)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = int(os.environ.get("CHURN_STUDIO_UI_TESTS_PORT", "8877"))
c.ServerApp.open_browser = False
# Jupyter rejects running as root without this, and CI runs as root.
c.ServerApp.allow_root = os.geteuid() == 0
