"""How the dynamics show on the canvas: colours of the roles and of the chain reaction's rounds."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QColor

from cluster_designer.analysis.brokerage import ROLE_PRIORITY, Brokerage
from cluster_designer.analysis.spread import Spread
from cluster_designer.i18n import _

from ..canvas.legend import LegendNote
from ..evaluation.overlay import OverlayLayer

# Gatekeepers in the strongest colour; the others in quieter ones (ColorBrewer, colour-blind safe).
ROLE_COLORS: Mapping[str, QColor] = {
    "gatekeeper": QColor("#D7301F"),
    "liaison": QColor("#6A51A3"),
    "representative": QColor("#2171B5"),
    "itinerant": QColor("#41AB5D"),
    "coordinator": QColor("#737373"),
}
ROLE_ORDER = ROLE_PRIORITY  # the legend lists them as the overlay ranks them

SEED_COLOR = QColor("#7F0000")
FIRST_ROUND = QColor("#D7301F")
LAST_ROUND = QColor("#FDD49E")
PROPOSAL_COLOR = QColor("#1A9850")  # a green no tie kind uses


def role_overlay(result: Brokerage) -> OverlayLayer:
    """Actors coloured by their main role and sized by their brokerages; every actor with a
    gatekeeper brokerage ringed; actors that broker nothing faded."""
    layer = OverlayLayer()
    for actor_id, counts in result.actors.items():
        role = counts.dominant
        if role is None:
            layer.dimmed_actors.add(actor_id)
            continue
        layer.colors[actor_id] = QColor(ROLE_COLORS[role])
        layer.sizes[actor_id] = float(counts.total) ** 0.5
        if counts.gatekeeper > 0:
            layer.highlight_actors.add(actor_id)
    # One legend column at most (the canvas is narrow beside the docks); the colours are in
    # the dock's own legend.
    if layer.highlight_actors:
        layer.notes.append(LegendNote("ring", _("Ring: gatekeeper")))
    if layer.dimmed_actors:
        layer.notes.append(LegendNote("dim", _("Pale: brokers nothing")))
    return layer


def round_color(round_number: int, rounds: int) -> QColor:
    """Seeds dark red, then from red to pale orange over the rounds."""
    if round_number == 0:
        return QColor(SEED_COLOR)
    if rounds <= 1:
        return QColor(FIRST_ROUND)
    t = (round_number - 1) / (rounds - 1)
    return QColor.fromRgbF(
        FIRST_ROUND.redF() + (LAST_ROUND.redF() - FIRST_ROUND.redF()) * t,
        FIRST_ROUND.greenF() + (LAST_ROUND.greenF() - FIRST_ROUND.greenF()) * t,
        FIRST_ROUND.blueF() + (LAST_ROUND.blueF() - FIRST_ROUND.blueF()) * t,
    )


def spread_overlay(result: Spread, actor_ids: list[str], up_to: int) -> OverlayLayer:
    """The actors reached by the end of round `up_to` in their round's colour, the seeds
    ringed, everyone else faded."""
    layer = OverlayLayer()
    rounds = len(result.rounds)
    reached = result.round_of
    for actor_id in actor_ids:
        number = reached.get(actor_id)
        if number is None or number > up_to:
            layer.dimmed_actors.add(actor_id)
            continue
        layer.colors[actor_id] = round_color(number, rounds)
        if number == 0:
            layer.highlight_actors.add(actor_id)
    layer.notes.append(LegendNote("ring", _("Ring: seed")))
    if layer.dimmed_actors:
        layer.notes.append(LegendNote("dim", _("Pale: not reached yet")))
    return layer


def swatch(color: QColor, text: str) -> str:
    # One item never breaks across lines: Japanese would break between any two characters,
    # so word joiners (U+2060, not drawn) hold its characters together.
    held = "\u2060".join(text)
    return f"<span style='color:{color.name()}'>●</span>&nbsp;{held}"
