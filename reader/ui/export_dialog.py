"""File ▸ Export Notes…: the current transcript or the whole library, one file per transcript
into a folder or one combined file, with the Markdown previewed before anything is saved.

The dialog only chooses and shows: which transcripts have notes, the Markdown and its preview
come from ``reader.core.export``. A save that fails is said in the dialog and the status bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import TranscriptError, display_path
from reader.core.export import TranscriptNotes, render_combined
from reader.core.export.files import (
    Collected,
    collect,
    file_names,
    write_each,
    write_text,
)
from reader.core.export.markdown_export import counts
from reader.core.export.preview import preview_html
from reader.core.export.targets import export_target
from reader.core.store import resolve
from reader.ui.note_browser import NoteBrowser

CURRENT, LIBRARY = "current", "library"
EACH, COMBINED = "each", "combined"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _inside(folder: Path, library: Sequence[Path]) -> bool:
    resolved = resolve(folder)
    return any(resolved == resolve(root) or resolve(root) in resolved.parents
               for root in library)


def default_export_folder(last: Path | None, library: Sequence[Path]) -> Path:
    """Where Save… starts: the folder notes were last exported to, else the Documents folder,
    else home; never a library folder (``library``), where the export would sit among the
    transcripts. Home is the last resort even if the library is there."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    for folder in (last, Path(documents) if documents else None):
        if folder is not None and folder.is_dir() and not _inside(folder, library):
            return folder
    return Path.home()


# Asks where to save: (a folder wanted?, suggested file name) -> the chosen path, or None.
AskTarget = Callable[[bool, str], Path | None]


class ExportDialog(QDialog):
    message = Signal(str)  # one line for the window's status bar
    savedInto = Signal(object)  # the folder an export was written to (a Path)

    def __init__(self, parent: QWidget | None, current: Path | None,
                 library: Sequence[Path], ask_target: AskTarget | None = None,
                 start_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Notes")
        self.resize(760, 640)
        self._files = {CURRENT: [current] if current is not None else [], LIBRARY: list(library)}
        self._collected: dict[str, Collected] = {}
        self._ask_target = ask_target or self._ask_with_file_dialog
        # Where the file dialog opens (the caller knows the library's folders and the last one).
        self._start_folder = start_folder or default_export_folder(
            None, sorted({p.parent for p in library}))

        self.scope = QButtonGroup(self)
        self.current_button = QRadioButton("The &current transcript")
        self.library_button = QRadioButton(
            f"The whole &library ({_plural(len(library), 'transcript')})")
        self.layout_group = QButtonGroup(self)
        self.each_button = QRadioButton("One file per transcript, into a &folder")
        self.combined_button = QRadioButton("One c&ombined file")
        for group, buttons in ((self.scope, (self.current_button, self.library_button)),
                               (self.layout_group, (self.each_button, self.combined_button))):
            for button in buttons:
                group.addButton(button)
        self.current_button.setEnabled(current is not None)
        (self.current_button if current is not None else self.library_button).setChecked(True)
        self.each_button.setChecked(True)

        self.summary = QLabel()
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.preview = NoteBrowser()
        self.preview.setObjectName("exportPreview")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("&Save…")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self._layout()

        self.scope.buttonToggled.connect(self._choice_toggled)
        self.layout_group.buttonToggled.connect(self._choice_toggled)
        self.save_button.clicked.connect(self.ask_and_save)
        self.buttons.rejected.connect(self.reject)
        self.refresh()

    def _choice_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:  # one refresh per change, not one for the button turned off too
            self.refresh()

    def _layout(self) -> None:
        what = QGroupBox("Export")
        what_layout = QVBoxLayout(what)
        what_layout.addWidget(self.current_button)
        what_layout.addWidget(self.library_button)
        how = QGroupBox("Save as")
        how_layout = QVBoxLayout(how)
        how_layout.addWidget(self.each_button)
        how_layout.addWidget(self.combined_button)
        choices = QHBoxLayout()
        choices.addWidget(what)
        choices.addWidget(how)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Preview"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)

    # --- what is exported ----------------------------------------------------------------

    @property
    def scope_name(self) -> str:
        return CURRENT if self.current_button.isChecked() else LIBRARY

    @property
    def layout_name(self) -> str:
        """A single transcript is always one file."""
        if len(self.notes()) <= 1 or self.combined_button.isChecked():
            return COMBINED
        return EACH

    def notes(self) -> list[TranscriptNotes]:
        """The transcripts with notes in the chosen scope (read once per scope)."""
        scope = self.scope_name
        if scope not in self._collected:
            self._collected[scope] = collect(self._files[scope])
        return self._collected[scope].notes

    def markdown(self) -> str:
        """What will be written (files one after another when there is one per transcript)."""
        notes = self.notes()
        if not notes:
            return ""
        return render_combined(notes)

    def refresh(self) -> None:
        notes = self.notes()
        several = self.scope_name == LIBRARY and len(notes) > 1
        self.each_button.setEnabled(several)
        self.combined_button.setEnabled(several)
        self.save_button.setEnabled(bool(notes))
        problems = self._collected[self.scope_name].problems
        if not notes:
            where = "this transcript" if self.scope_name == CURRENT else "the library"
            self.summary.setText(f"Nothing to export: there are no highlights or notes in "
                                 f"{where}.")
            self.preview.clear()
        else:
            highlights, written = counts(notes)
            text = (f"{_plural(len(notes), 'transcript')} with notes: "
                    f"{_plural(highlights, 'highlight')}, {_plural(written, 'note')}.")
            if self.layout_name == EACH:
                text += " Files: " + ", ".join(file_names(notes))
            self.summary.setText(text)
            self.preview.setHtml(preview_html(self.markdown()))
        if problems:
            self.summary.setText(self.summary.text() + "\n" + "\n".join(problems))

    # --- saving ----------------------------------------------------------------------------

    def suggested_name(self) -> str:
        notes = self.notes()
        if len(notes) == 1:
            return file_names(notes)[0]
        return "Transcript notes.md"

    def ask_and_save(self) -> None:
        wants_folder = self.layout_name == EACH
        target = self._ask_target(wants_folder, self.suggested_name())
        if target is not None:
            self.save_to(target)

    def save_to(self, target: Path) -> bool:
        """Write the export to ``target`` (a folder when there is one file per transcript)."""
        notes = self.notes()
        if not notes:
            return False
        try:
            if self.layout_name == EACH:
                written = write_each(notes, target)
                done = f"Exported notes of {_plural(len(written), 'transcript')} to " \
                       f"{display_path(target)}"
            else:
                write_text(export_target(target, notes), render_combined(notes))
                done = f"Exported notes to {display_path(target)}"
        except (OSError, TranscriptError) as error:
            problem = str(error) if isinstance(error, TranscriptError) else \
                f"{display_path(target)}: cannot be written ({error.strerror or error})"
            self.summary.setText(problem)
            self.message.emit(problem)
            return False
        self.message.emit(done)
        self._start_folder = target if self.layout_name == EACH else target.parent
        self.savedInto.emit(self._start_folder)
        self.accept()
        return True

    def _ask_with_file_dialog(self, wants_folder: bool, name: str) -> Path | None:
        if wants_folder:
            folder = QFileDialog.getExistingDirectory(self, "Export Notes into a Folder",
                                                      str(self._start_folder))
            return Path(folder) if folder else None
        chosen, _ = QFileDialog.getSaveFileName(self, "Export Notes",
                                                str(self._start_folder / name),
                                                "Markdown (*.md);;All files (*)")
        return Path(chosen) if chosen else None


__all__ = ["COMBINED", "CURRENT", "EACH", "LIBRARY", "ExportDialog", "default_export_folder"]
