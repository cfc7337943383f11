"""Reading comfort: the colour theme (following the system unless the user picks one), font
family, line spacing and column width, each a View menu action with a shortcut, remembered in
QSettings. The text size stays with the window (``view/text_scale``)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QFontDialog, QMenu, QStyleFactory, QWidget

from reader.ui.reading_style import ReadingStyle, load_style, save_style
from reader.ui.transcript_view import TranscriptView

THEME_LABELS = {"system": "Follow &System", "light": "&Light", "dark": "&Dark"}
THEME_KEYS = {"system": "Ctrl+Alt+Shift+S", "light": "Ctrl+Alt+Shift+L",
              "dark": "Ctrl+Alt+Shift+D"}
# Dark theme: not pure black (halation around light letters), text off-white, contrast of
# body text about 13:1.
DARK_COLORS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#232427",
    QPalette.ColorRole.WindowText: "#e6e3de",
    QPalette.ColorRole.Base: "#1c1d20",
    QPalette.ColorRole.AlternateBase: "#27282c",
    QPalette.ColorRole.Text: "#e6e3de",
    QPalette.ColorRole.Button: "#2d2e32",
    QPalette.ColorRole.ButtonText: "#e6e3de",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#3b6aa8",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2d2e32",
    QPalette.ColorRole.ToolTipText: "#e6e3de",
    QPalette.ColorRole.PlaceholderText: "#8f8c87",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.Light: "#3a3b40",
    QPalette.ColorRole.Midlight: "#323338",
    QPalette.ColorRole.Mid: "#2a2b2f",
    QPalette.ColorRole.Dark: "#151618",
    QPalette.ColorRole.Shadow: "#0b0b0c",
}
DARK_DISABLED_TEXT = "#77746f"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in DARK_COLORS.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DARK_DISABLED_TEXT))
    return palette


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ReadingComfort(QObject):
    message = Signal(str)  # a short status-bar note ("Line spacing 1.1×")

    def __init__(self, parent: QWidget, settings: QSettings, view: TranscriptView) -> None:
        super().__init__(parent)
        self._settings = settings
        self._view = view
        self._style = load_style(settings)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self._app = app
        self._light = QPalette(app.palette())  # the platform's own, restored for light
        if self._light.color(QPalette.ColorRole.Base).lightness() < 128:
            fusion = QStyleFactory.create("Fusion")
            self._light = fusion.standardPalette() if fusion else self._light
        self.theme_actions: dict[str, QAction] = {}
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)
        self._apply_theme()
        view.set_reading_style(self._style)

    @property
    def style(self) -> ReadingStyle:
        return self._style

    def is_dark(self) -> bool:
        if self._style.theme == "system":
            return system_prefers_dark()
        return self._style.theme == "dark"

    # --- menu --------------------------------------------------------------------------

    def install(self, view_menu: QMenu) -> None:
        view_menu.addSeparator()
        themes = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        for name, label in THEME_LABELS.items():
            act = QAction(label, self, checkable=True)
            act.setShortcut(QKeySequence(THEME_KEYS[name]))
            act.setChecked(self._style.theme == name)
            act.triggered.connect(lambda _=False, n=name: self.set_theme(n))
            group.addAction(act)
            themes.addAction(act)
            self.theme_actions[name] = act

        def add(text: str, key: str, slot: object) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.triggered.connect(slot)
            view_menu.addAction(act)
            return act

        self.font_action = add("&Font…", "Ctrl+Alt+Shift+F", self.ask_font)
        self.default_font_action = add("Default Fo&nt", "Ctrl+Alt+Shift+0",
                                       lambda: self.set_font_family(""))
        self.more_spacing_action = add("&More Line Spacing", "Ctrl+Alt+Shift+Up",
                                       lambda: self.step_line_spacing(1))
        self.less_spacing_action = add("Less Line S&pacing", "Ctrl+Alt+Shift+Down",
                                       lambda: self.step_line_spacing(-1))
        self.wider_action = add("&Wider Text Column", "Ctrl+Alt+Shift+Right",
                                lambda: self.step_column(1))
        self.narrower_action = add("Na&rrower Text Column", "Ctrl+Alt+Shift+Left",
                                   lambda: self.step_column(-1))

    # --- changes -----------------------------------------------------------------------

    def _set(self, style: ReadingStyle, note: str) -> None:
        theme_changed = style.theme != self._style.theme
        self._style = style
        save_style(self._settings, style)
        if theme_changed:
            self._apply_theme()
        else:
            self._view.set_reading_style(style)
        self.message.emit(note)

    def set_theme(self, name: str) -> None:
        if name in THEME_LABELS and name != self._style.theme:
            self._set(replace(self._style, theme=name),
                      f"Theme: {THEME_LABELS[name].replace('&', '')}")

    def set_font_family(self, family: str) -> None:
        self._set(replace(self._style, font_family=family),
                  f"Font: {family or 'the system default'}")

    def ask_font(self) -> None:
        font = self._view.font()
        if self._style.font_family:
            font.setFamily(self._style.font_family)
        ok, chosen = QFontDialog.getFont(font, self._view.window(), "Reading Font")
        if ok:
            self.set_font_family(chosen.family())

    def step_line_spacing(self, steps: int) -> None:
        style = self._style.stepped(spacing=steps)
        self._set(style, f"Line spacing {style.line_spacing:g}×")

    def step_column(self, steps: int) -> None:
        style = self._style.stepped(column=steps)
        width = (f"{style.column_chars} characters" if style.column_chars
                 else "the full width")
        self._set(style, f"Text column: {width}")

    # --- theme -------------------------------------------------------------------------

    def _apply_theme(self) -> None:
        """Palette for the chosen (or the system's) scheme; the reading pane is rebuilt so
        highlight tints suit the new background."""
        hints = QGuiApplication.styleHints()
        requested = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(
            self._style.theme, Qt.ColorScheme.Unknown)
        if hints.colorScheme() != requested or requested == Qt.ColorScheme.Unknown:
            # Tells the platform too (window decorations follow where it can); Unknown hands
            # the choice back to the system.
            hints.blockSignals(True)
            try:
                hints.setColorScheme(requested)
            finally:
                hints.blockSignals(False)
        palette = dark_palette() if self.is_dark() else self._light
        if self._app.palette() != palette:  # a palette change re-polishes every widget
            self._app.setPalette(palette)
            # Style sheets resolve palette(...) once, when set: set them again.
            for widget in self._app.allWidgets():
                sheet = widget.styleSheet()
                if "palette(" in sheet:
                    widget.setStyleSheet(sheet)
        for name, act in self.theme_actions.items():
            act.setChecked(name == self._style.theme)
        self._view.set_reading_style(self._style, repaint=True)

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._style.theme == "system":
            self._apply_theme()
