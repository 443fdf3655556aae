"""Whole-suite setup: Qt without a display, and no test touching the real settings folders."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests read English texts unless they ask for another language themselves.
os.environ["CLUSTER_DESIGNER_LANG"] = "en"
_HOME = tempfile.mkdtemp(prefix="cluster-designer-tests-")
os.environ.setdefault("CLUSTER_DESIGNER_CONFIG_DIR", os.path.join(_HOME, "config"))
os.environ.setdefault("CLUSTER_DESIGNER_DATA_DIR", os.path.join(_HOME, "data"))
os.environ.setdefault("CLUSTER_DESIGNER_STATE_DIR", os.path.join(_HOME, "state"))
