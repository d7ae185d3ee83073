"""The system's colours, made readable where they fall short.

The app has no colours of its own: it follows the person's palette (light or dark) and
the stylesheet names palette roles. Some palettes fall short of WCAG 2.x contrast (Qt's
own light palette: white on its blue highlight is 3.69:1, its half-transparent grey
placeholder text 3.89:1 on the window), so at start-up the few roles the app uses for
text and edges are moved, just far enough, away from their backgrounds:

- ``Highlight`` (selected rows, focus rings): 4.5:1 with ``HighlightedText`` and 3:1
  against the window, field and list backgrounds;
- ``PlaceholderText`` (hints, status lines, placeholders): 4.5:1 on every background;
- ``Mid`` (the edges of text fields, lists and check boxes): 3:1 on every background.

Check boxes are drawn by the stylesheet too (with ui/tick-*.svg): Qt's Fusion style
(Linux without a desktop theme) edges them with a shade of the window colour, 2.1:1 in
light and 1.1:1 in dark, where an empty box all but vanished.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

from firstsession import paths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

TEXT_CONTRAST = 4.5  # WCAG 2.x, 1.4.3 (AA) for normal text
NON_TEXT_CONTRAST = 3.0  # WCAG 2.x, 1.4.11: edges of controls, focus indicators

_Role = QPalette.ColorRole


def relative_luminance(colour: QColor) -> float:
    """Relative luminance of an sRGB colour, 0.0 (black) to 1.0 (white), as WCAG 2.x
    defines it (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). Alpha is ignored:
    blend a translucent colour over its background first (``over``)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green())
            + 0.0722 * channel(colour.blue()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2.x contrast ratio of two opaque colours, 1.0 to 21.0
    (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """``colour`` drawn over an opaque ``background``: the opaque colour a person sees."""
    alpha = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    return QColor.fromRgbF(*(x + (y - x) * amount for x, y in (
        (a.redF(), b.redF()), (a.greenF(), b.greenF()), (a.blueF(), b.blueF()))))


def _readable(colour: QColor, towards: QColor, backgrounds: list[QColor], ratio: float) -> QColor:
    """``colour`` moved towards ``towards`` in small steps until it has ``ratio`` with
    every background: the nearest such colour (``colour`` itself if it already has)."""
    for step in range(101):
        candidate = _mix(colour, towards, step / 100)
        if all(contrast_ratio(candidate, b) >= ratio for b in backgrounds):
            return candidate
    return QColor(towards)


def accessible_palette(palette: QPalette) -> QPalette:
    """A copy of ``palette`` whose highlight, placeholder (hint) and mid (edge) colours
    have WCAG contrast with the backgrounds they are drawn on, in the active and
    inactive groups (disabled controls are exempt). Roles that already pass are kept
    exactly, so an accessible palette comes back unchanged."""
    result = palette.__copy__()  # QPalette(palette) would build PySide's Qt namespace
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        def colour(role: QPalette.ColorRole, g: QPalette.ColorGroup = group) -> QColor:
            return palette.color(g, role)

        base = colour(_Role.Base)
        window = colour(_Role.Window)
        # Fusion fills a group box a shade darker than the window (#ececec on #efefef).
        backgrounds = [base, window, colour(_Role.AlternateBase), window.darker(106)]
        text = colour(_Role.Text)
        # Away from the highlighted text: darker under light text, lighter under dark,
        # which also sets a focus ring in the highlight colour off the backgrounds.
        highlighted_text = colour(_Role.HighlightedText)
        away = QColor("black") if relative_luminance(highlighted_text) > 0.5 else QColor("white")
        highlight = over(colour(_Role.Highlight), base)
        highlight = _readable(highlight, away, [highlighted_text], TEXT_CONTRAST)
        highlight = _readable(highlight, away, backgrounds, NON_TEXT_CONTRAST)
        placeholder = _readable(over(colour(_Role.PlaceholderText), base), text, backgrounds,
                                TEXT_CONTRAST)
        mid = _readable(over(colour(_Role.Mid), base), text, backgrounds, NON_TEXT_CONTRAST)
        for role, value in ((_Role.Highlight, highlight), (_Role.PlaceholderText, placeholder),
                            (_Role.Mid, mid)):
            if value.rgba() != colour(role).rgba():
                result.setColor(group, role, value)
    return result


def use_look(app: QApplication, stylesheet: str, palette: QPalette | None = None) -> None:
    """Give ``app`` its look: ``palette`` (default: the system's) made readable by
    ``accessible_palette``, and the stylesheet (ui/style.qss, which names palette roles
    only). Its ``@tick@`` becomes the check mark that shows on the palette's field colour
    (a dark one on light fields, a light one on dark)."""
    readable = accessible_palette(palette if palette is not None else app.palette())
    light_fields = relative_luminance(readable.color(_Role.Base)) > 0.5
    tick = paths.resource_dir("ui") / ("tick-dark.svg" if light_fields else "tick-light.svg")
    app.setPalette(readable)
    app.setStyleSheet(stylesheet.replace("@tick@", tick.as_posix()))
