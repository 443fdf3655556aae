"""The three editing forms of the properties panel: design, actor and tie.

Every edit becomes an undo command pushed through the document. A line is checked as you type
and stored on Enter or when focus leaves it; editing the same field again merges into the same
undo step (the commands merge). Refused input is shown in red under the field and the field
returns to the stored value when it loses focus — the model never sees it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from cluster_designer.i18n import _, ngettext, pgettext
from cluster_designer.model import (
    SUBTYPE_SUGGESTIONS,
    ClusterError,
    Design,
    Location,
    Origin,
    Sector,
    TieKind,
    ValidationError,
    normalize_actor_value,
    normalize_tie_value,
    parse_year,
)
from cluster_designer.model.entities import check_name
from cluster_designer.model.enums import ORIGIN_UNKNOWN_LABEL

from ..combo import PanelComboBox
from ..commands import DesignCommand, SetDesignMetaCommand, UpdateActorCommand, UpdateTieCommand
from ..document import Document
from ..style import sector_icon, tie_kind_icon
from .fields import FieldRow, format_number, format_time, message_of, sentence

NOTES_HEIGHT = 84


class EditForm(QWidget):
    """Shared plumbing: rows, live validation, commit through the document, revert on focus-out."""

    prefix = "form"

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.rows: dict[str, FieldRow] = {}
        self._committing: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 10, 10, 10)
        outer.setSpacing(10)
        header = QHBoxLayout()
        header.setSpacing(8)
        self.header_icon = QLabel(self)
        self.header_text = QLabel(self)
        self.header_text.setObjectName(f"{self.prefix}_title")
        font = QFont(self.header_text.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.header_text.setFont(font)
        self.header_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header_text.setWordWrap(True)
        header.addWidget(self.header_icon)
        header.addWidget(self.header_text, 1)
        outer.addLayout(header)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setHorizontalSpacing(10)
        self.form.setVerticalSpacing(6)
        outer.addLayout(self.form)
        outer.addStretch(1)

    # --- what subclasses provide -------------------------------------------------------
    @property
    def design(self) -> Design | None:
        return self.document.design

    def current_value(self, field: str) -> Any:
        raise NotImplementedError

    def validate(self, field: str, raw: Any) -> Any:
        """The model value for user input, or a ClusterError with the reason."""
        raise NotImplementedError

    def make_command(self, field: str, value: Any) -> DesignCommand:
        raise NotImplementedError

    def display(self, field: str, value: Any) -> str:
        if isinstance(value, float) or value is None:
            return format_number(value)
        return str(value)

    def refresh(self) -> None:
        """Show the stored values, leaving alone a field the user is in the middle of."""
        for field, row in self.rows.items():
            if field == self._committing:
                continue
            editor = row.editor
            if editor.hasFocus() and (
                row.has_error or (isinstance(editor, QLineEdit) and editor.isModified())
            ):
                continue  # the user is typing there
            self._show_value(field)

    # --- building rows -----------------------------------------------------------------
    def _add_row(self, field: str, label: str, editor: QWidget, tip: str = "") -> FieldRow:
        editor.setObjectName(f"{self.prefix}_{field}")
        if tip:
            editor.setToolTip(tip)
        row = FieldRow(editor, f"{self.prefix}_{field}", self)
        self.form.addRow(label, row)
        self.rows[field] = row
        return row

    def add_line(
        self, field: str, label: str, *, placeholder: str = "", tip: str = ""
    ) -> QLineEdit:
        """A one-line field: checked as you type, stored on Enter or when focus leaves it."""
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        self._add_row(field, label, edit, tip)
        edit.textEdited.connect(lambda text, f=field: self._check(f, text))
        edit.editingFinished.connect(lambda f=field, e=edit: self._finished(f, e))
        return edit

    def add_text(self, field: str, label: str, placeholder: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(NOTES_HEIGHT)
        self._add_row(field, label, edit)
        edit.textChanged.connect(lambda f=field, e=edit: self._input(f, e.toPlainText()))
        return edit

    def add_combo(
        self, field: str, label: str, items: list[tuple[QIcon | None, str, Any]], tip: str = ""
    ) -> QComboBox:
        combo = PanelComboBox(self)
        for icon, text, data in items:
            if icon is None:
                combo.addItem(text, data)
            else:
                combo.addItem(icon, text, data)
        self._add_row(field, label, combo, tip)
        combo.activated.connect(lambda _i, f=field, c=combo: self._input(f, c.currentData()))
        return combo

    def add_info(self, field: str, label: str) -> QLabel:
        info = QLabel(self)
        info.setObjectName(f"{self.prefix}_{field}")
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.setWordWrap(True)
        self.form.addRow(label, info)
        return info

    def set_header(self, icon: QIcon | None, text: str) -> None:
        self.header_icon.setVisible(icon is not None)
        if icon is not None:
            self.header_icon.setPixmap(icon.pixmap(20, 20))
        self.header_text.setText(text)

    # --- input flow --------------------------------------------------------------------
    def _input(self, field: str, raw: Any) -> None:
        row = self.rows[field]
        try:
            value = self.validate(field, raw)
        except ClusterError as exc:
            row.show_error(message_of(exc))
            return
        row.clear_error()
        if value == self.current_value(field):
            return
        command = self.make_command(field, value)
        self._committing = field
        try:
            ok = self.document.push(command)
        finally:
            self._committing = None
        if not ok:
            row.show_error(sentence(command.error or "", field))
            if isinstance(row.editor, QComboBox):
                self._show_value(field)

    def _check(self, field: str, raw: Any) -> None:
        try:
            self.validate(field, raw)
        except ClusterError as exc:
            self.rows[field].show_error(message_of(exc))
        else:
            self.rows[field].clear_error()

    def _finished(self, field: str, edit: QLineEdit) -> None:
        if edit.isModified():
            edit.setModified(False)
            self._input(field, edit.text())
        row = self.rows[field]
        if row.has_error:
            reason = row.error.text()
            self._show_value(field)
            row.clear_error()
            row.error.setText(_("{reason} The previous value was kept.").format(reason=reason))
            row.error.setVisible(True)

    def _show_value(self, field: str) -> None:
        editor = self.rows[field].editor
        value = self.current_value(field)
        editor.blockSignals(True)
        try:
            if isinstance(editor, QLineEdit):
                text = self.display(field, value)
                if editor.text() != text:
                    editor.setText(text)
                    editor.setCursorPosition(0)  # show the beginning of a long value
            elif isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != value:
                    editor.setPlainText(value)
            elif isinstance(editor, QComboBox):
                self._set_combo(editor, value, field)
        finally:
            editor.blockSignals(False)

    def _set_combo(self, combo: QComboBox, value: Any, field: str = "") -> None:
        if combo.isEditable():
            combo.setEditText(self.display(field, value))
        else:  # None (an unknown origin) is the item whose data is ""
            index = combo.findData("" if value is None else value)
            combo.setCurrentIndex(max(index, 0))

    def add_hint(self, field: str, text: str) -> QLabel:
        """A grey line under a field's editor (why it is disabled, what it is for)."""
        hint = QLabel(text, self)
        hint.setObjectName(f"{self.prefix}_{field}_hint")
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)
        self.rows[field].column.insertWidget(1, hint)
        return hint

    def clear_messages(self) -> None:
        for row in self.rows.values():
            row.clear_error()


class DesignForm(EditForm):
    """Name, region and description of the design; created and updated for reference."""

    prefix = "design"

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.taken_names: Callable[[], set[str]] = set
        self.add_line("name", _("Name"), tip=_("Unique within the project"))
        self.add_line("region", _("Region"), placeholder=_("e.g. Hamamatsu, Shizuoka"))
        self.add_line(
            "year",
            _("Year"),
            placeholder=_("e.g. 2030"),
            tip=_(
                "The year this map depicts (today's map, the plan); "
                "designs with a year form a timeline"
            ),
        )
        self.add_text(
            "description", _("Description"), _("What this map shows: today, a plan, a scenario…")
        )
        self.created = self.add_info("created", _("Created"))
        self.updated = self.add_info("updated", _("Updated"))
        self.counts = self.add_info("counts", _("Contents"))

    def current_value(self, field: str) -> Any:
        return getattr(self.design, field)

    def validate(self, field: str, raw: Any) -> Any:
        if field == "name":
            name = check_name(raw)
            if name in self.taken_names():
                raise ClusterError(
                    _("The project already has a design named “{name}”.").format(name=name)
                )
            return name
        if field == "year":
            return parse_year("year", raw)
        return "" if raw is None else str(raw)

    def display(self, field: str, value: Any) -> str:
        if field == "year":
            return "" if value is None else str(value)
        return super().display(field, value)

    def make_command(self, field: str, value: Any) -> DesignCommand:
        assert self.design is not None
        return SetDesignMetaCommand(self.design, field, value)

    def refresh(self) -> None:
        design = self.design
        if design is None:
            return
        super().refresh()
        self.set_header(None, _("Design"))
        self.created.setText(format_time(design.created))
        self.updated.setText(format_time(design.updated))
        self.counts.setText(summary_counts(design))


class ActorForm(EditForm):
    """Every field of one actor (docs/reference/data-model.md)."""

    prefix = "actor"

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.actor_id: str | None = None
        self.add_line("id", _("Id"), tip=_("Your own key, unique in the design; kept in exports"))
        self.add_line("name", _("Name"))
        self.add_combo("sector", _("Sector"), [(sector_icon(s, 16), s.label, s) for s in Sector])
        subtype = PanelComboBox(self)
        subtype_edit = QLineEdit(subtype)
        subtype.setLineEdit(subtype_edit)
        subtype.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        subtype_edit.setPlaceholderText(_("Choose or type"))
        self._add_row("subtype", _("Subtype"), subtype, _("Pick a suggestion or type your own"))
        subtype_edit.editingFinished.connect(lambda: self._input("subtype", subtype.currentText()))
        subtype.activated.connect(lambda _i: self._input("subtype", subtype.currentText()))
        self.subtype = subtype
        self.add_combo("location", _("Location"), [(None, loc.label, loc) for loc in Location])
        self.add_line("x", "X", placeholder=_("not placed"))
        self.add_line("y", "Y", placeholder=_("not placed"))
        self.add_line(
            "staff",
            _("Staff"),
            placeholder=_("unknown"),
            tip=_("Number of people; leave empty if unknown"),
        )
        self.add_line(
            "budget",
            _("Budget (million yen)"),
            placeholder=_("unknown"),
            tip=_("Million yen a year (百万円), e.g. 250 for ¥250 million; empty if unknown"),
        )
        self.add_line("tags", _("Tags"), placeholder=_("research themes, separated by ;"))
        origins: list[tuple[QIcon | None, str, Any]] = [(None, _(ORIGIN_UNKNOWN_LABEL), "")]
        origins += [(None, o.label, o) for o in Origin]
        self.origin = self.add_combo(
            "origin",
            _("Origin"),
            origins,
            tip=_("How the actor came to be in the region"),
        )
        self.origin_hint = self.add_hint(
            "origin", _("Origin describes actors in the region; this one is outside it.")
        )
        self.add_line(
            "arrived",
            _("Arrived"),
            placeholder=_("year, e.g. 2015"),
            tip=_("The year it was founded in or moved into the region (1800–2200)"),
        )
        self.parent_combo = self._add_parent_row()
        self.add_text("notes", _("Notes"))
        self.ties = self.add_info("ties", _("Ties"))
        self._subtype_sector: Sector | None = None
        self._parent_choices: tuple = ()

    def _add_parent_row(self) -> QComboBox:
        """Another actor picked by name; typing narrows the list to names containing it."""
        combo = PanelComboBox(self)
        edit = QLineEdit(combo)
        combo.setLineEdit(edit)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(combo.model(), combo)
        combo.setCompleter(completer)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        edit.setPlaceholderText(_("none"))
        edit.setClearButtonEnabled(True)
        self._add_row(
            "parent",
            _("Parent"),
            combo,
            _("For a spin-off: the actor it came from (a university, a firm); type to search"),
        )
        edit.editingFinished.connect(lambda: self._input("parent", combo.currentText()))
        combo.activated.connect(lambda i: self._input("parent", combo.itemData(i)))
        self.parent_hint = self.add_hint("parent", _("Only for spin-offs: set the origin first."))
        return combo

    def show_actor(self, actor_id: str) -> None:
        if actor_id != self.actor_id:
            self.clear_messages()
        self.actor_id = actor_id
        self.refresh()

    def current_value(self, field: str) -> Any:
        assert self.design is not None and self.actor_id is not None
        return getattr(self.design.actor(self.actor_id), field)

    def display(self, field: str, value: Any) -> str:
        if field == "tags":
            return "; ".join(value)
        if field in ("x", "y"):
            return format_number(value, decimals=1)
        if field == "arrived":
            return "" if value is None else str(value)
        if field == "parent":
            design = self.design
            parent = design.actors.get(value) if design is not None and value else None
            return value if parent is None else parent.name
        return super().display(field, value)

    def validate(self, field: str, raw: Any) -> Any:
        if field == "parent":
            return self._parent_id(raw)
        value = normalize_actor_value(field, raw)
        if (
            field == "id"
            and self.design is not None
            and value != self.actor_id
            and value in self.design.actors
        ):
            raise ClusterError(_("Another actor already has the id '{value}'.").format(value=value))
        return value

    def _parent_id(self, raw: Any) -> str:
        """The id of the actor named (or with the id) `raw`; empty means no parent."""
        text = "" if raw is None else str(raw).strip()
        design = self.design
        if not text or design is None:
            return ""
        if text in design.actors:
            found = text
        else:
            found = next((a.id for a in design if a.name == text), "")
            if not found:
                raise ValidationError("parent", _("no actor is named '{name}'").format(name=text))
        if found == self.actor_id:
            raise ValidationError("parent", _("an actor cannot be its own parent"))
        return found

    def make_command(self, field: str, value: Any) -> DesignCommand:
        assert self.design is not None and self.actor_id is not None
        return UpdateActorCommand(self.design, self.actor_id, field, value)

    def _refresh_origin_rows(self, design: Design, actor_id: str) -> None:
        actor = design.actor(actor_id)
        inside = actor.location is Location.REGION
        self.origin.setEnabled(inside or actor.origin is not None)
        self.origin_hint.setVisible(not inside)
        spin_off = actor.origin is Origin.SPIN_OFF or bool(actor.parent)
        self.parent_combo.setEnabled(spin_off)
        self.parent_hint.setVisible(not spin_off)
        if not spin_off:
            return
        choices = tuple((a.id, a.name) for a in design if a.id != actor_id)
        if choices != self._parent_choices:
            self._parent_choices = choices
            combo = self.parent_combo
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("", "")
            for other_id, name in sorted(choices, key=lambda c: c[1]):
                combo.addItem(name, other_id)
            combo.blockSignals(False)
            self._show_value("parent")

    def refresh(self) -> None:
        if self.design is None or self.actor_id is None or self.actor_id not in self.design.actors:
            return
        actor = self.design.actor(self.actor_id)
        if actor.sector is not self._subtype_sector:
            self._subtype_sector = actor.sector
            self.subtype.blockSignals(True)
            self.subtype.clear()
            self.subtype.addItems([_(text) for text in SUBTYPE_SUGGESTIONS[actor.sector]])
            self.subtype.blockSignals(False)
            self._show_value("subtype")
        self._refresh_origin_rows(self.design, self.actor_id)
        super().refresh()
        self.set_header(
            sector_icon(actor.sector, 20),
            _("{sector}: {name}").format(sector=actor.sector.label, name=actor.name),
        )
        n = len(self.design.tie_uids_of(actor.id))
        self.ties.setText(
            _("none") if n == 0 else ngettext("{count} tie", "{count} ties", n).format(count=n)
        )


class TieForm(EditForm):
    """A tie's ends (read-only), kind, weight with its unit, and notes."""

    prefix = "tie"

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.uid: int | None = None
        self.source = self.add_info("source", _("From"))
        self.target = self.add_info("target", _("To"))
        self.add_combo("kind", _("Kind"), [(tie_kind_icon(k, 16), k.label, k) for k in TieKind])
        self.add_line("weight", _("Weight"), tip=_("A number greater than 0"))
        self.unit = QLabel(self)
        self.unit.setObjectName("tie_unit")
        self.unit.setStyleSheet("color: palette(placeholder-text);")
        weight_row = self.rows["weight"]
        weight_row.column.insertWidget(1, self.unit)
        self.add_text("notes", _("Notes"))

    def show_tie(self, uid: int) -> None:
        if uid != self.uid:
            self.clear_messages()
        self.uid = uid
        self.refresh()

    def current_value(self, field: str) -> Any:
        assert self.design is not None and self.uid is not None
        return getattr(self.design.tie(self.uid), field)

    def validate(self, field: str, raw: Any) -> Any:
        return normalize_tie_value(field, raw)

    def make_command(self, field: str, value: Any) -> DesignCommand:
        assert self.design is not None and self.uid is not None
        return UpdateTieCommand(self.design, self.uid, field, value)

    def refresh(self) -> None:
        design = self.design
        if design is None or self.uid is None or self.uid not in design.ties:
            return
        super().refresh()
        tie = design.tie(self.uid)
        self.source.setText(_actor_label(design, tie.source))
        self.target.setText(_actor_label(design, tie.target))
        self.unit.setText(_("in {unit}").format(unit=tie.kind.unit))
        direction = "→" if tie.directed else "↔"
        self.set_header(
            tie_kind_icon(tie.kind, 20),
            _("{kind} tie  {direction}").format(kind=tie.kind.label, direction=direction),
        )


def _actor_label(design: Design, actor_id: str) -> str:
    actor = design.actors.get(actor_id)
    return actor_id if actor is None else f"{actor.name}  ({actor_id})"


def summary_counts(design: Design) -> str:
    by_sector = {s: 0 for s in Sector}
    for actor in design:
        by_sector[actor.sector] += 1
    parts = pgettext("list separator", ", ").join(
        sector_count(sector, n) for sector, n in by_sector.items()
    )
    return _("{actors} ({sectors}); {ties}").format(
        actors=ngettext("{count} actor", "{count} actors", len(design)).format(count=len(design)),
        sectors=parts,
        ties=ngettext("{count} tie", "{count} ties", len(design.ties)).format(
            count=len(design.ties)
        ),
    )


def sector_count(sector: Sector, n: int) -> str:
    """'3 universities', '1 company': a count of one sector's actors in running text."""
    if sector is Sector.UNIVERSITY:
        text = ngettext("{count} university", "{count} universities", n)
    elif sector is Sector.COMPANY:
        text = ngettext("{count} company", "{count} companies", n)
    else:
        text = ngettext("{count} support organization", "{count} support organizations", n)
    return text.format(count=n)
