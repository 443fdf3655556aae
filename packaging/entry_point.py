"""The bundled program's entry: the same `main` as the `cluster-designer` console script."""

import sys

from cluster_designer.cli import main

if __name__ == "__main__":
    sys.exit(main())
