"""The bundled program's entry: the same `main` as the `cluster-designer` console script."""

import multiprocessing
import sys

from cluster_designer.cli import main

if __name__ == "__main__":
    # Very big designs are evaluated in a worker process; a frozen program must let the
    # child it starts run that work instead of a second copy of the application.
    multiprocessing.freeze_support()
    sys.exit(main())
