"""Write the networkx and igraph files of this folder with the libraries themselves.

The files are committed; this script says exactly how they were made (networkx 3.6.1 and
python-igraph 1.0.0 made the committed copies). Run from the repository root:
`uv run python tests/data/third_party/make_library_files.py`.
"""

from pathlib import Path

import igraph
import networkx as nx

HERE = Path(__file__).parent


def main() -> None:
    # Zachary's karate club as networkx ships it: integer ids, the faction in `club`,
    # edge weights; no names and no positions.
    nx.write_graphml(nx.karate_club_graph(), HERE / "networkx-karate.graphml")
    # The Florentine families: networkx's GEXF writer (1.2draft), ids and labels are the names.
    nx.write_gexf(nx.florentine_families_graph(), HERE / "networkx-florentine.gexf")
    # igraph's own GraphML: the display name in `label`, the drawing in `x`/`y` doubles.
    zachary = igraph.Graph.Famous("Zachary")
    zachary.vs["label"] = [f"Member {i + 1}" for i in range(zachary.vcount())]
    layout = zachary.layout_circle()
    zachary.vs["x"] = [round(300 * x, 6) for x, _ in layout.coords]
    zachary.vs["y"] = [round(300 * y, 6) for _, y in layout.coords]
    zachary.write_graphml(str(HERE / "igraph-zachary.graphml"))


if __name__ == "__main__":
    main()
