"""`python -m cluster_designer` runs the same command as `cluster-designer`."""

from cluster_designer.cli import main

raise SystemExit(main())
