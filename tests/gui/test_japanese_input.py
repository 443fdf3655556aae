"""Naming an actor on the map with a Japanese input method: the composition (preedit) is
shown while it is typed, nothing is committed until the input method commits, and Enter
then names the actor in one undo step."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cluster_designer.model import Sector


def _composing(text: str) -> QInputMethodEvent:
    """What an input method sends while the user types かな that are not converted yet."""
    underline = QTextCharFormat()
    underline.setFontUnderline(True)
    attributes = [
        QInputMethodEvent.Attribute(
            QInputMethodEvent.AttributeType.TextFormat, 0, len(text), underline
        ),
        QInputMethodEvent.Attribute(QInputMethodEvent.AttributeType.Cursor, len(text), 1),
    ]
    return QInputMethodEvent(text, attributes)


def _committed(text: str) -> QInputMethodEvent:
    event = QInputMethodEvent()
    event.setCommitString(text)
    return event


def test_the_name_editor_shows_the_composition_and_commits_on_enter(
    qtbot, document, canvas
) -> None:
    scene, view = canvas
    actor_id = scene.add_actor_at(QPointF(0, 0), Sector.UNIVERSITY)
    assert actor_id is not None
    editor = view.name_editor
    assert editor is not None
    assert editor.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    steps_before = document.undo_stack.count()
    name_before = document.design.actor(actor_id).name
    blank = editor.grab().toImage()

    QApplication.sendEvent(editor, _composing("しずおかだいがく"))
    # the composition is on screen, but it is not the name yet
    assert editor.grab().toImage() != blank
    assert view.name_editor is editor and editor.isVisible()
    assert document.design.actor(actor_id).name == name_before
    assert document.undo_stack.count() == steps_before

    QApplication.sendEvent(editor, _composing("静岡大学"))  # converted, still composing
    QApplication.sendEvent(editor, _committed("静岡大学"))  # the input method commits
    assert editor.text() == "静岡大学"
    assert view.name_editor is editor, "an input-method commit must not close the editor"
    assert document.design.actor(actor_id).name == name_before

    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert view.name_editor is None
    assert document.design.actor(actor_id).name == "静岡大学"
    assert document.undo_stack.count() == steps_before + 1
    document.undo_stack.undo()
    assert document.design.actor(actor_id).name == name_before


def test_escape_during_naming_keeps_the_old_name(qtbot, document, canvas) -> None:
    scene, view = canvas
    actor_id = scene.add_actor_at(QPointF(0, 0), Sector.COMPANY)
    editor = view.name_editor
    name_before = document.design.actor(actor_id).name
    QApplication.sendEvent(editor, _committed("浜松ホトニクス"))
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert view.name_editor is None
    assert document.design.actor(actor_id).name == name_before
