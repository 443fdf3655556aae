"""The official GraphML and GEXF schemas of tests/data/third_party/schemas, as validators."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).parents[1] / "data" / "third_party" / "schemas"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


@cache
def _graphml() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "graphml" / "graphml-yed.xsd")))


@cache
def _gexf() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.rng")))


def graphml_problems(path: Path) -> list[str]:
    """What graphml.xsd (with yEd's drawing extension) says is wrong with the file."""
    schema = _graphml()
    schema.validate(etree.parse(str(path)))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


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
