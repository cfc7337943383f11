"""The highlight and note commands as the user reaches them: the Edit and Highlight menus, the
toolbar, and the context menus of the reading pane and the notes panel. They act on the
selection, or on "the current highlight": the one under the text cursor, or the one chosen in
the notes panel when it has focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QToolBar

from reader.core.annotations import COLORS
from reader.ui.annotation_controller import AnnotationController
from reader.ui.notes_panel import NotesPanel, swatch
from reader.ui.transcript_view import TranscriptView


class AnnotationActions(QObject):
    def __init__(self, window: QMainWindow, controller: AnnotationController,
                 view: TranscriptView, panel: NotesPanel) -> None:
        super().__init__(window)
        self.window, self.controller, self.view, self.panel = window, controller, view, panel
        self._menu_target: str | None = None  # the highlight a context menu was opened on
        # Other features' entries on a highlight's context menu: hook(menu, highlight id).
        self.highlight_menu_hooks: list[Callable[[QMenu, str], object]] = []

        self.undo_action = controller.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = controller.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.copy_action = self._action("&Copy", QKeySequence.StandardKey.Copy, self.view.copy)

        self.highlight_action = self._action("&Highlight Selection", "Ctrl+H",
                                             self.highlight_selection)
        self.highlight_action.setToolTip("Highlight the selected text (Ctrl+H)")
        self.color_group = QActionGroup(self)
        self.color_actions: dict[str, QAction] = {}
        for number, name in enumerate(COLORS, start=1):
            act = QAction(swatch(name), name.capitalize(), self)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(f"Ctrl+Alt+{number}"))
            act.setToolTip(f"{name.capitalize()}: highlight colour (Ctrl+Alt+{number})")
            act.triggered.connect(lambda _=False, n=name: self.choose_color(n))
            self.color_group.addAction(act)
            self.color_actions[name] = act
        self.color_actions[controller.current_color].setChecked(True)
        self.note_action = self._action("Edit &Note…", "Ctrl+Shift+N", self.edit_note)
        self.delete_action = self._action("&Delete Highlight", "Del", self.delete_current)
        self.delete_action.setShortcuts([QKeySequence("Del"),
                                         QKeySequence("Ctrl+Shift+Backspace")])
        self.citation_action = self._action("Copy as &Citation", "Ctrl+Shift+C",
                                            self.copy_citation)
        self.reattach_action = self._action("&Re-attach to Selection", "Ctrl+Alt+Shift+A",
                                            self.reattach)
        self.transcript_note_action = self._action("&Transcript Note…", "Ctrl+Shift+T",
                                                   self.edit_transcript_note)
        self.panel_action = self._action("&Side Pane (Notes and Search)", "Ctrl+Shift+L", None)
        self.panel_action.setCheckable(True)
        self.panel_action.setChecked(True)
        self.panel_action.toggled.connect(self.panel.setVisible)

        self.panel.annotationActivated.connect(self.go_to)
        self.panel.contextMenuFor.connect(self._panel_menu)
        self.panel.transcriptNoteRequested.connect(self.edit_transcript_note)
        self.view.contextMenuAt.connect(self._view_menu)

    def _action(self, text: str, key: QKeySequence | QKeySequence.StandardKey | str | None,
                slot: object) -> QAction:
        act = QAction(text, self)
        if key is not None:
            act.setShortcut(QKeySequence(key))
        if callable(slot):
            act.triggered.connect(lambda _=False, s=slot: s())
        return act

    def toolbar(self) -> QToolBar:
        """The highlight toolbar (on screen from the first frame; the menus come later)."""
        toolbar = QToolBar("Highlights", self.window)
        toolbar.setObjectName("highlightToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.highlight_action)
        toolbar.addActions(list(self.color_actions.values()))
        toolbar.addSeparator()
        toolbar.addActions([self.note_action, self.transcript_note_action])
        return toolbar

    def install(self, edit_menu: QMenu, highlight_menu: QMenu, view_menu: QMenu) -> None:
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.copy_action)
        highlight_menu.addAction(self.highlight_action)
        colors = highlight_menu.addMenu("Highlight &Colour")
        colors.addActions(list(self.color_actions.values()))
        highlight_menu.addSeparator()
        highlight_menu.addActions([self.note_action, self.citation_action, self.delete_action,
                                   self.reattach_action])
        highlight_menu.addSeparator()
        highlight_menu.addAction(self.transcript_note_action)
        view_menu.addSeparator()
        view_menu.addAction(self.panel_action)

    # --- what the commands act on ----------------------------------------------------

    def current_id(self) -> str | None:
        if self._menu_target is not None:
            return self._menu_target
        if self.panel.list.hasFocus():
            return self.panel.selected_id()
        offset = self.view.offset_at_cursor()
        # A caret just after a highlight's last character (where a selection left it) is
        # still "in" it.
        annotation = next((a for o in (offset, offset - 1) if o >= 0
                           and (a := self.controller.at(o)) is not None), None)
        return annotation.id if annotation else self.panel.selected_id()

    # --- commands ---------------------------------------------------------------------

    def highlight_selection(self, color: str | None = None) -> None:
        selected = self.view.selected_range()
        if selected is None:
            self._say("Select some text first, then highlight it (Ctrl+H)")
            return
        annotation = self.controller.highlight(*selected, color)
        if annotation is not None:
            self.view.clear_selection()
            self.panel.select(annotation.id)

    def choose_color(self, color: str) -> None:
        """Pick the colour for new highlights. With a selection, highlight it in that colour;
        else recolour the chosen highlight: the one at the text cursor (where a new highlight
        leaves it), or the one chosen in the notes panel or a context menu."""
        self.controller.current_color = color
        self.color_actions[color].setChecked(True)
        if self.view.selected_range() is not None:
            self.highlight_selection(color)
            return
        target = self.current_id()
        annotation = self.controller.get(target) if target else None
        if annotation is not None and annotation.color != color:
            self.controller.set_color(annotation.id, color)
            self._say(f"Highlight recoloured {color}")

    def edit_note(self) -> None:
        target = self.current_id()
        annotation = self.controller.get(target) if target else None
        if annotation is None:
            self._say("Put the cursor in a highlight (or choose one in the notes panel) to "
                      "write its note")
            return
        from reader.ui.note_editor import NoteEditor  # a dialog: loaded when first opened

        editor = NoteEditor(self.window, title="Note", quote=annotation.exact,
                            note=annotation.note, tags=list(annotation.tags),
                            known_tags=self.controller.known_tags())
        if editor.exec() == QDialog.DialogCode.Accepted:
            tags = tuple(editor.tags())
            if editor.note() != annotation.note or tags != annotation.tags:
                self.controller.set_note(annotation.id, editor.note(), tags)

    def edit_transcript_note(self) -> None:
        transcript = self.controller.transcript
        if transcript is None:
            return
        from reader.ui.note_editor import NoteEditor

        editor = NoteEditor(self.window, title=f"Note on {transcript.title}", quote=None,
                            note=self.controller.transcript_note, tags=None)
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.controller.set_transcript_note(editor.note())

    def delete_current(self) -> None:
        target = self.current_id()
        if target is not None and self.controller.get(target) is not None:
            self.controller.delete(target)
            self._say("Highlight deleted (Ctrl+Z brings it back)")

    def copy_citation(self) -> None:
        target = self.current_id()
        text = self.controller.citation(target) if target else None
        if text:
            QGuiApplication.clipboard().setText(text)
            self._say("Citation copied")

    def reattach(self) -> None:
        target = self.current_id()
        selected = self.view.selected_range()
        if target is None or selected is None:
            self._say("Select the text to attach the highlight to, then choose Re-attach")
            return
        self.controller.reattach(target, *selected)
        self.view.clear_selection()

    def go_to(self, annotation_id: str) -> None:
        annotation = self.controller.get(annotation_id)
        if annotation is None or annotation.start is None or annotation.end is None:
            return
        # The highlight is drawn already: no extra mark over its colour.
        self.view.reveal_range(annotation.start, annotation.end, mark=False)

    # --- context menus ------------------------------------------------------------------

    def _view_menu(self, where: QPoint, offset: int) -> None:
        menu = QMenu(self.window)
        under = self.controller.at(offset) if offset >= 0 else None
        if self.view.selected_range() is not None:
            menu.addAction(self.copy_action)
            menu.addAction(self.highlight_action)
            colors = menu.addMenu("Highlight in")
            colors.addActions(list(self.color_actions.values()))
            if under is None and self.panel.selected_id() is not None:
                menu.addAction(self.reattach_action)
        if under is not None:
            self._target_menu(menu, under.id)
        if menu.isEmpty():
            menu.addAction(self.transcript_note_action)
        self._exec(menu, where, under.id if under else None)

    def _panel_menu(self, annotation_id: str, where: QPoint) -> None:
        menu = QMenu(self.window)
        self._target_menu(menu, annotation_id)
        annotation = self.controller.get(annotation_id)
        if annotation is not None and annotation.orphaned:
            menu.addAction(self.reattach_action)
        self._exec(menu, where, annotation_id)

    def _target_menu(self, menu: QMenu, annotation_id: str) -> None:
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self.note_action)
        colors = menu.addMenu("Colour")
        colors.addActions(list(self.color_actions.values()))
        menu.addAction(self.citation_action)
        menu.addAction(self.delete_action)
        for hook in self.highlight_menu_hooks:
            hook(menu, annotation_id)

    def _exec(self, menu: QMenu, where: QPoint, target: str | None) -> None:
        self._menu_target = target
        try:
            menu.exec(where)
        finally:
            self._menu_target = None
            menu.deleteLater()

    def _say(self, text: str) -> None:
        bar = self.window.statusBar()
        bar.showMessage(text, 5000)


