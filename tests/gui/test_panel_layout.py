"""The evaluation panel shows new numbers without laying itself out again, and never clips them.

A relayout of the panel (80 word-wrapped labels) used to cost ~30 ms of the window's time after
every evaluation of a 1,000-actor design; values now go into fixed-size cells, and wrapped labels
remember their measured sizes until their text, font or style changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QWidget

from cluster_designer.gui.document import Document
from cluster_designer.gui.evaluation import EvaluationPanel
from cluster_designer.gui.wrapped_label import WrappedLabel
from cluster_designer.model import Design, make_actor, make_tie


def design_with(n: int) -> Design:
    design = Design(name="line", region="静岡")
    for i in range(n):
        design.add_actor(
            make_actor(
                id=f"A{i}",
                name=f"静岡の会社 {i}",
                sector="company",
                location="region",
                x=i * 40.0,
                y=0.0,
            )
        )
    for i in range(n - 1):
        design.add_tie(make_tie(source=f"A{i}", target=f"A{i + 1}", kind="collaboration"))
    return design


def settle() -> None:
    """Deliver what Qt posted (layout requests, paints); nothing here waits for time."""
    for _ in range(3):
        QApplication.processEvents()


def evaluated_panel(qtbot: Any) -> tuple[Document, EvaluationPanel]:
    """A 380 × 900 panel showing the evaluation of a 12-actor line, laid out and painted."""
    doc = Document()
    doc.set_design(design_with(12))
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(380, 900)
    panel.show()
    qtbot.waitUntil(lambda: panel.evaluation is not None)
    settle()
    return doc, panel


class LayoutCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.requests += 1
        return False


def test_new_numbers_repaint_cells_without_laying_out_the_metric_groups(qtbot: Any) -> None:
    doc, panel = evaluated_panel(qtbot)
    counter = LayoutCounter()
    for box in panel.metrics.findChildren(QGroupBox):
        box.installEventFilter(counter)
    doc.design.add_tie(make_tie(source="A0", target="A5", kind="funding"))
    panel.refresh()
    qtbot.waitUntil(lambda: panel.metrics.value_text("ties.total") == "12")
    settle()
    assert counter.requests == 0
    for row in panel.metrics.rows.values():  # every number fits its cell
        assert (
            row.value.fontMetrics().horizontalAdvance(row.value.text())
            <= row.value.contentsRect().width()
        )


def test_a_cell_too_narrow_for_its_number_widens_its_whole_column(qtbot: Any) -> None:
    doc = Document()
    doc.set_design(design_with(3))
    panel = EvaluationPanel(doc)
    qtbot.addWidget(panel)
    panel.metrics._put(panel.metrics.rows["ties.total"], "value", "1,234,567,890")
    widths = {row.value.width() for row in panel.metrics.rows.values()}
    assert len(widths) == 1
    cell = panel.metrics.rows["ties.total"].value
    assert cell.fontMetrics().horizontalAdvance("1,234,567,890") <= cell.contentsRect().width()


def test_a_wrapped_label_measures_like_qlabel_after_text_font_and_style_changes(qtbot: Any) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ours, plain = WrappedLabel(parent=parent), QLabel(parent)
    plain.setWordWrap(True)
    texts = ["静岡大学と浜松の企業が共同研究を進める " * 3, "short", "<b>rich</b> text " * 20]
    for text in texts:
        for label in (ours, plain):
            label.setText(text)
        for width in (80, 200, 80):
            assert ours.heightForWidth(width) == plain.heightForWidth(width), (text, width)
        assert (
            ours.sizeHint() == plain.sizeHint()
            and ours.minimumSizeHint() == plain.minimumSizeHint()
        )
    big = QFont(ours.font())
    big.setPointSizeF(big.pointSizeF() * 2)
    for label in (ours, plain):
        label.setFont(big)
    assert ours.heightForWidth(120) == plain.heightForWidth(120)
    for label in (ours, plain):
        label.setStyleSheet("padding: 9px;")
    assert ours.heightForWidth(120) == plain.heightForWidth(120)
    for label in (ours, plain):
        label.setContentsMargins(14, 0, 0, 0)
    assert ours.heightForWidth(120) == plain.heightForWidth(120)


def test_a_new_result_is_measured_only_at_the_width_it_is_shown(
    qtbot: Any, monkeypatch: Any
) -> None:
    """Qt's size hints of a word-wrapped label lay its text out at three more widths (80
    characters, one line, one word per line); the panel's own texts ignore those widths, so a
    new diagnosis or list of brokers is laid out only where it is shown."""
    doc, panel = evaluated_panel(qtbot)
    before = panel.brokers_label.text()
    asked: list[str] = []
    for name in ("sizeHint", "minimumSizeHint"):
        qt_answer = getattr(QLabel, name)

        def counted(label: QLabel, _answer: Any = qt_answer) -> Any:
            asked.append(label.objectName())
            return _answer(label)

        monkeypatch.setattr(QLabel, name, counted)
    doc.design.add_tie(make_tie(source="A0", target="A11", kind="funding"))
    panel.refresh()
    qtbot.waitUntil(lambda: panel.metrics.value_text("ties.total") == "12")
    settle()
    assert panel.brokers_label.text() != before
    own = {"evaluation_title", "evaluation_diagnosis", "evaluation_brokers", "evaluation_isolates"}
    assert own.isdisjoint(asked)
    for label in panel.findChildren(WrappedLabel):  # each shows its whole text
        if label.isVisible():
            assert label.height() >= label.heightForWidth(label.width())
