"""The official GraphML and GEXF schemas of tests/data/third_party/schemas, as validators."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parents[1] / "data" / "third_party" / "schemas"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
_NESTED_KEYREF = re.compile(
    r"More than one match found for key-sequence \['(?P<id>[^']*)'\] of keyref "
    r"'\{[^}]*\}edge_(source|target)_ref'"
)


@cache
def _graphml() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml-yed.xsd")))


@cache
def _gexf() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))


def graphml_problems(path: Path) -> list[str]:
    """What graphml.xsd (with yEd's drawing extension) says is wrong with the file.

    libxml2 counts a node nested in a group node's <graph> once per enclosing graph when it
    checks an edge's `source`/`target` (the schema's node key is declared on every <graph>),
    so even the GraphML primer's nested example draws "More than one match found". That
    report is dropped when the id really names exactly one node of the file, checked here."""
    schema = _graphml()
    document = etree.parse(str(path))
    schema.validate(document)
    node_ids = Counter(n.get("id") for n in document.iter(f"{GRAPHML}node"))
    problems = []
    for error in schema.error_log:
        nested = _NESTED_KEYREF.search(error.message)
        if nested and node_ids[nested["id"]] == 1:
            continue
        problems.append(f"line {error.line}: {error.message}")
    return problems


def gexf_problems(path: Path) -> list[str]:
    """What the GEXF 1.3 RelaxNG grammar says is wrong with the file.

    xsi:schemaLocation is removed first: XML Schema allows it on any element, RelaxNG
    grammars only where they name it, and the GEXF grammar does not (Gephi writes it too)."""
    document = etree.parse(str(path))
    for element in document.iter():
        for name in [n for n in element.attrib if n.startswith(XSI)]:
            del element.attrib[name]
    schema = _gexf()
    schema.validate(document)
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
