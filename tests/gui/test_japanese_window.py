"""The window in Japanese: every text translated where a person looks, Qt's own dialogs in
Japanese, and no label, button, tab or heading too narrow for its Japanese text.

Screenshots of what was checked are written to `CLUSTER_DESIGNER_SCREENSHOTS` when that
variable names a folder (look at them after a change of layout).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabBar,
    QToolButton,
    QWidget,
)

from cluster_designer import i18n, i18n_build
from cluster_designer.gui.language import apply_language, qt_translation_folders
from cluster_designer.gui.preferences import PreferencesDialog
from cluster_designer.gui.printing import install_printing
from cluster_designer.gui.printing.dialogs import PrintOptionsDialog
from cluster_designer.gui.printing.options import PageOptions
from cluster_designer.io import read_json
from cluster_designer.storage import Project

SAMPLE = Path(__file__).parents[2] / "resources" / "sample"


@pytest.fixture
def japanese() -> Iterator[None]:
    apply_language("ja")
    yield
    apply_language("en")


def screenshot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("CLUSTER_DESIGNER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    return ""


def clipped_texts(root: QWidget) -> list[str]:
    """Visible texts narrower or shorter than they need: labels, buttons, group titles, tabs.

    A label that wraps needs its height for its width; anything else its size hint. Labels
    that elide on purpose (they set a tool tip with the full text) are left alone."""
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or widget.width() <= 1:
            continue
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                needed = widget.tabSizeHint(index)
                shown = widget.tabRect(index)
                if shown.width() + 1 < needed.width() and widget.tabText(index):
                    found.append(
                        f"tab {widget.tabText(index)!r}: {shown.width()} < {needed.width()}"
                    )
            continue
        text = _text_of(widget).strip()
        if not text or not any(ord(c) > 0x3000 for c in text):
            continue  # only Japanese texts are this test's business
        if isinstance(widget, QLabel) and widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                found.append(
                    f"{type(widget).__name__} {text[:30]!r}: height {widget.height()} < {need}"
                )
            continue
        hint: QSize = widget.minimumSizeHint() if isinstance(widget, QLabel) else widget.sizeHint()
        if isinstance(widget, QGroupBox):
            metrics = widget.fontMetrics()
            hint = QSize(metrics.horizontalAdvance(text) + 20, hint.height())
        shown_whole = (QCheckBox, QRadioButton, QPushButton, QToolButton, QLabel, QGroupBox)
        if isinstance(widget, shown_whole) and widget.width() + 1 < hint.width():
            found.append(
                f"{type(widget).__name__} {widget.objectName() or text[:30]!r}: "
                f"width {widget.width()} < {hint.width()}"
            )
    return found


def test_qt_ships_its_japanese_catalogue_and_we_load_it(japanese: None, qtbot: Any) -> None:
    assert any((folder / "qtbase_ja.qm").exists() for folder in qt_translation_folders())
    # Qt's own words (message boxes, file and print dialogs) come out in Japanese
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "キャンセル"
    apply_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_main_window_in_japanese_has_room_for_its_texts(
    japanese: None, make_window: Any, project_path: Path, qtbot: Any
) -> None:
    window = make_window()
    assert window.open_project(str(project_path))
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.evaluation_ui.panel.evaluation is not None, timeout=20_000)
    QApplication.processEvents()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:5] == ["ファイル(&F)", "編集(&E)", "表示(&V)", "マップ(&D)", "ヘルプ(&H)"]
    assert window.acts["file_save"].text() == "保存(&S)"
    assert window.acts["edit_preferences"].text() == "環境設定(&E)…"
    assert window.designs_dock.windowTitle() == "マップ一覧"
    assert window.evaluation_ui.evaluation_dock.windowTitle() == "評価"
    assert "組織" in window.status_labels.counts_label.text()
    screenshot(window, "main-window-ja")
    assert clipped_texts(window) == []


def test_compare_view_in_japanese_has_room_for_its_texts(
    japanese: None, qtbot: Any, tmp_path: Path
) -> None:
    from cluster_designer.gui.evaluation import CompareDialog

    with Project.open(tmp_path / "p.cluster", create=True) as project:
        for name in ("company_town.json", "knowledge_cluster.json"):
            project.import_design(read_json(SAMPLE / name))
        dialog = CompareDialog(project, None)
        qtbot.addWidget(dialog)
        dialog.resize(1200, 760)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.ready, timeout=30_000)
        QApplication.processEvents()
        assert dialog.windowTitle() == "マップの比較"
        headers = [
            dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())
        ]
        assert headers[0] == "指標" and "地域にとって" in headers
        screenshot(dialog, "compare-ja")
        assert clipped_texts(dialog) == []
        dialog.close()


def test_print_preview_and_page_setup_in_japanese(japanese: None, window: Any, qtbot: Any) -> None:
    controller = install_printing(window)
    dialog = controller.preview_dialog()
    qtbot.addWidget(dialog)
    dialog.resize(1000, 760)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() >= 1)
    QApplication.processEvents()
    assert dialog.windowTitle() == "印刷プレビュー"
    tips = {a.toolTip() or a.text() for a in dialog.findChildren(type(window.acts["file_save"]))}
    assert any("ページ" in tip for tip in tips), "Qt's preview toolbar is in Japanese"
    screenshot(dialog, "print-preview-ja")
    assert clipped_texts(dialog) == []
    dialog.close()

    setup = PrintOptionsDialog(PageOptions())
    qtbot.addWidget(setup)
    setup.show()
    QApplication.processEvents()
    screenshot(setup, "page-setup-ja")
    assert setup.windowTitle() == "ページ設定"
    assert clipped_texts(setup) == []


def test_preferences_choose_the_language_for_the_next_start(
    japanese: None, make_window: Any, qtbot: Any
) -> None:
    window = make_window()
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "環境設定"
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names[1:] == ["English", "日本語"]
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert "次に Cluster Designer を起動したとき" in dialog.note.text()
    screenshot(dialog, "preferences-ja")
    assert clipped_texts(dialog) == []
    dialog.accept()
    assert window.settings.language() == "en"
    assert i18n.current_language() == "ja", "the running window keeps its language"


def test_the_clipping_check_sees_a_label_too_narrow_for_its_text(qtbot: Any) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    label = QLabel("地域外からの流入を受ける地域内組織", box)
    button = QPushButton("選択したものを一時的に除く", box)
    box.show()
    label.setGeometry(0, 0, 40, 20)
    button.setGeometry(0, 30, 40, 24)
    assert len(clipped_texts(box)) == 2
    label.resize(label.sizeHint())
    button.resize(button.sizeHint())
    assert clipped_texts(box) == []


def test_first_start_in_japanese_opens_the_japanese_sample(japanese: None) -> None:
    from cluster_designer.gui import app

    sample = app.bundled_sample()
    assert sample is not None and sample.name == "sample-ja.cluster"
    apply_language("en")
    sample = app.bundled_sample()
    assert sample is not None and sample.name == "sample.cluster"


def test_user_guide_in_japanese(japanese: None, window: Any) -> None:
    import importlib.util

    root = Path(__file__).parents[2]
    spec = importlib.util.spec_from_file_location(
        "build_guide", root / "resources/guide/build_guide.py"
    )
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    source = (root / "docs/ja/README.md").read_text(encoding="utf-8")
    shipped = (root / "resources/guide/user-guide.ja.md").read_text(encoding="utf-8")
    assert shipped == builder.guide_text_ja(source), (
        "run: uv run python resources/guide/build_guide.py"
    )
    dialog = window.show_user_guide()
    text = dialog.browser.toPlainText()
    assert "プロジェクトとマップ" in text and "マップを描く" in text
    assert "マップ、計画、 シナリオ" not in text, "no soft line breaks inside Japanese sentences"


def test_the_windows_tables_of_texts_are_all_in_the_catalogue(japanese: None) -> None:
    """Texts kept in tables are marked with N_() and translated where shown: each one must
    come out in Japanese (a new entry that is not marked fails here)."""
    import re

    from cluster_designer.gui import actions, commands, csv_json_dialogs, editing, window_ops
    from cluster_designer.gui.canvas import interactions
    from cluster_designer.gui.evaluation import chart_plots, compare_differences, formatting, panel

    texts = [
        *(title for title, _main, _detail in formatting.GROUPS),
        *(text for _key, text in panel.SIZE_CHOICES),
        *chart_plots.SECTOR_AXIS.values(),
        *compare_differences.CHANGE_HEADINGS.values(),
        *editing.ALIGN_TEXTS.values(),
        *commands.FIELD_LABELS.values(),
        *interactions.NEW_NAME.values(),
        window_ops.PROJECT_FILTER,
        csv_json_dialogs.CSV_FILTER,
        csv_json_dialogs.JSON_FILTER,
        *(spec.text for spec in actions.SPECS),
        *(spec.tip for spec in actions.SPECS),
    ]
    catalogue = i18n_build.merged("ja")
    untranslated = [text for text in texts if not (catalogue.get(text) or None)]
    assert untranslated == []
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert japanese.search(i18n._(formatting.GROUPS[0][0]))
