"""The project store: a `.cluster` SQLite file (or a database URL) with any number of designs.

The only package that imports SQLAlchemy. Opening never modifies a file that is not ours;
an older project is copied to `NAME.cluster.bak-REVISION` next to it (or into the temp folder
when that folder is read-only) before its schema is upgraded; `Project.backup_path` says where.
"""

from .errors import ConflictError, ProjectError
from .project import DesignInfo, Project

__all__ = ["ConflictError", "DesignInfo", "Project", "ProjectError"]
