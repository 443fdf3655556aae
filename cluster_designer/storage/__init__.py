"""The project store: a `.cluster` SQLite file or a PostgreSQL database, with any number of designs.

The only package that imports SQLAlchemy. Opening never modifies a file that is not ours;
an older project is copied to `NAME.cluster.bak-REVISION` next to it (or into the temp folder
when that folder is read-only) before its schema is upgraded; `Project.backup_path` says where.
"""

from .copying import copy_design, store_copy
from .creating import new_project_file
from .errors import (
    ConflictChoice,
    ConflictError,
    DamagedProjectError,
    ProjectError,
    StoppedError,
    conflict_choice,
    free_design_name,
)
from .locations import is_url, mask_password, redact, without_password
from .project import DesignInfo, Project
from .salvage import SalvagedDesign, SalvageReport, salvage

__all__ = [
    "ConflictChoice",
    "ConflictError",
    "DamagedProjectError",
    "DesignInfo",
    "Project",
    "ProjectError",
    "SalvageReport",
    "SalvagedDesign",
    "StoppedError",
    "conflict_choice",
    "copy_design",
    "free_design_name",
    "is_url",
    "mask_password",
    "new_project_file",
    "redact",
    "salvage",
    "store_copy",
    "without_password",
]
