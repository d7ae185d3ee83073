"""Our reportlab flowables: ruled lines, marks (boxes, ticks, stars), meters, scales, groups."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.lib.colors import Color  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import getAscent  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Frame  # type: ignore[import-untyped]

import firstsession.pdf.fonts as fonts
from firstsession.pdf.forms import recorder_of
from firstsession.pdf.rich import line
from firstsession.pdf.styles import ACCENT, INK, MUTED, RULE, WRITE_IN_GAP, styles


class WriteInLines(Flowable):  # type: ignore[misc]
    """Ruled lines to write on by hand; splits across pages like lined paper."""

    def __init__(
        self, count: int, gap: float = WRITE_IN_GAP, indent: float = 0, fill: bool = False
    ) -> None:
        super().__init__()
        self.count = count
        self.fill = fill
        self.gap = gap
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self.fill:  # as many lines as the rest of the page holds
            self.count = max(1, int(avail_height // self.gap))
        return avail_width, self.count * self.gap

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fits = int(avail_height // self.gap)
        if self.fill or fits < 1 or fits >= self.count:
            return []
        return [
            WriteInLines(fits, self.gap, self.indent),
            WriteInLines(self.count - fits, self.gap, self.indent),
        ]

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        for i in range(self.count):
            y = (self.count - 1 - i) * self.gap + 1
            c.line(self.indent, y, self.width, y)
        c.restoreState()


BOX = 9.5  # side of a check box, in points


def draw_box(c: Canvas, x: float, y: float, checked: bool) -> None:
    """A check box BOX points wide at (x, y), ticked or empty."""
    c.saveState()
    c.setStrokeColor(INK)
    c.setLineWidth(0.9)
    c.rect(x, y, BOX, BOX, stroke=1, fill=0)
    if checked:  # a drawn tick: the font has no ballot-box glyphs
        c.setStrokeColor(ACCENT)
        c.setLineWidth(1.6)
        path = c.beginPath()
        path.moveTo(x + 2, y + BOX * 0.5)
        path.lineTo(x + BOX * 0.42, y + 2)
        path.lineTo(x + BOX - 1.5, y + BOX - 1.5)
        c.drawPath(path, stroke=1, fill=0)
    c.restoreState()


def draw_star(c: Canvas, x: float, y: float) -> None:
    """A small filled five-pointed star (the font has no star glyph)."""
    cx, cy, outer, inner = x + BOX / 2, y + BOX / 2 - 0.3, BOX * 0.6, BOX * 0.25
    path = c.beginPath()
    for i in range(10):
        r = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        px, py = cx + r * math.cos(angle), cy + r * math.sin(angle)
        if i == 0:
            path.moveTo(px, py)
        else:
            path.lineTo(px, py)
    path.close()
    c.saveState()
    c.setFillColor(ACCENT)
    c.setStrokeColor(ACCENT)
    c.drawPath(path, stroke=1, fill=1)
    c.restoreState()


MARKS: dict[str, Callable[[Canvas, float, float], None]] = {
    "box": lambda c, x, y: draw_box(c, x, y, checked=False),
    "tick": lambda c, x, y: draw_box(c, x, y, checked=True),
    "star": draw_star,
    "": lambda c, x, y: None,
}


class Marked(Flowable):  # type: ignore[misc]
    """A paragraph with a small drawing to its left: a check box, a ticked box or a star.

    The drawing is decoration only: the paragraph itself says the same in words.
    """

    INDENT = 18

    def __init__(
        self, paragraph: Flowable, mark: str, field: tuple[str, str] | None = None
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.mark = mark
        self.field = field  # (name, tooltip): a form check box instead of a drawn one

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.INDENT, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.INDENT, avail_height)
        if len(parts) < 2:
            return []
        rest = [Indented(p, self.INDENT) for p in parts[1:]]
        return [Marked(parts[0], self.mark, self.field), *rest]

    def getSpaceBefore(self) -> float:  # noqa: N802 (reportlab's name)
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceAfter())

    def draw(self) -> None:
        style = self.paragraph.style
        # Sit the mark on the first line's baseline, as reportlab places it.
        baseline = self.height - getAscent(style.fontName, style.fontSize)
        rec = recorder_of(self.canv)
        if self.field is not None and rec is not None:
            size = BOX + 2
            rec.add_field(self.canv, "check", self.field[0], (-1, baseline - 2, size, size),
                          self.field[1])
        else:
            MARKS[self.mark](self.canv, 0, baseline - 1)
        self.paragraph.drawOn(self.canv, self.INDENT, 0)


class Indented(Flowable):  # type: ignore[misc]
    """Any flowable, shifted right (keeps the split parts of a Boxed in line)."""

    def __init__(self, inner: Flowable, indent: float) -> None:
        super().__init__()
        self.inner = inner
        self.indent = indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        w, h = self.inner.wrap(avail_width - self.indent, avail_height)
        self.width, self.height = w + self.indent, h
        return self.width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width - self.indent, avail_height)
        return [Indented(p, self.indent) for p in parts]

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        self.inner.drawOn(self.canv, self.indent, 0)


class GroupMark(Flowable):  # type: ignore[misc]
    """Where a group (one therapist's answers) starts or ends: takes no room.

    When the frame reaches it, it sets what every following page starts with
    (``heading``, e.g. "Tom Reid, continued") until a mark with None ends the group.
    It acts as a frame action, not when measured, so a heading moved to the next page
    never gets "continued" above it; and an end mark needs no room, so a group that
    ends at the very bottom of a page does not put "continued" on the next.
    """

    def __init__(self, heading: Flowable | None) -> None:
        super().__init__()
        self.heading = heading
        # The mark sits between a heading and the text under it: keep them together.
        self.keepWithNext = heading is not None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def frameAction(self, frame: Frame) -> None:  # noqa: N802 (reportlab's name)
        doc = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc._topFlowables = [] if self.heading is None else [self.heading]

    def draw(self) -> None:  # never drawn: the frame only calls frameAction
        pass


def _ungrouped(story: Sequence[Flowable]) -> list[Flowable]:
    """``story`` with each ``KeepTogether`` replaced by its content (one level)."""
    flat: list[Flowable] = []
    for f in story:
        inner = getattr(f, "_content", None)
        flat.extend(inner if isinstance(inner, list) else [f])
    return flat


def stacked_height(story: Sequence[Flowable], height_of: Callable[[Flowable], float]) -> float:
    """The height (points) ``story`` takes in a frame when nothing breaks, each flowable
    ``height_of(f)`` tall: like reportlab's Frame, a flowable's space before overlaps
    the previous one's space after (only the larger counts)."""
    total = 0.0
    space_after = 0.0
    for i, f in enumerate(story):
        h = height_of(f)
        before = max(f.getSpaceBefore() - space_after, 0.0) if i else 0.0
        space_after = f.getSpaceAfter()
        total += before + h + space_after
    return total


def stack_height(story: Sequence[Flowable], width: float, canv: Canvas | None = None) -> float:
    """The height (points) a frame ``width`` points wide gives ``story`` when nothing
    breaks (see ``stacked_height``). Groups kept together (``KeepTogether``) count as
    their content."""

    def height_of(f: Flowable) -> float:
        return float(f.wrapOn(canv, width, 1e9)[1] if canv is not None else f.wrap(width, 1e9)[1])

    return stacked_height(_ungrouped(story), height_of)


class OnePageIfClose(Flowable):  # type: ignore[misc]
    """A page's worth of flowables that never spills a line or two onto a new page.

    When the content is at most ``slack`` (a fraction of the space) taller than the
    space left, it is shrunk a little to fit (text stays readable: at most 17% smaller
    at the default); when it is much taller it flows on as usual, so a long text still
    runs over as many pages as it needs (and is laid out once per page, in pieces).
    """

    def __init__(self, content: list[Flowable], slack: float = 0.2) -> None:
        super().__init__()
        self.content = content
        self.slack = slack
        self._box: Flowable | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        from reportlab.platypus.flowables import KeepInFrame  # type: ignore[import-untyped]

        height = stack_height(self.content, avail_width, self.canv)
        if height <= avail_height * (1 + self.slack):
            self._box = KeepInFrame(
                avail_width, avail_height, _ungrouped(self.content), mode="shrink"
            )
            return self._box.wrapOn(self.canv, avail_width, avail_height)  # type: ignore[no-any-return]
        self._box = None
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if self._box is not None:
            return [self._box]
        return list(self.content)

    def draw(self) -> None:
        assert self._box is not None  # only drawn whole when it fits (wrap made the box)
        self._box.drawOn(self.canv, 0, 0)


class Meter(Flowable):  # type: ignore[misc]
    """A paragraph (which says the number in words) with a small row of dots to its right."""

    DOT = 6.0
    STEP = 8.5

    def __init__(self, paragraph: Flowable, value: int, maximum: int) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.value = value
        self.maximum = maximum

    @property
    def meter_width(self) -> float:
        return self.maximum * self.STEP + 6

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width - self.meter_width, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.paragraph.split(avail_width - self.meter_width, avail_height)
        if len(parts) < 2:
            return []
        return [Meter(parts[0], self.value, self.maximum), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.paragraph.getSpaceAfter())

    def draw(self) -> None:
        c = self.canv
        self.paragraph.drawOn(c, 0, 0)
        style = self.paragraph.style
        y = self.height - style.leading / 2 - self.DOT / 2 + 1
        x0 = self.width - self.maximum * self.STEP
        c.saveState()
        c.setLineWidth(0.7)
        c.setStrokeColor(ACCENT)
        for i in range(self.maximum):
            filled = i < self.value
            c.setFillColor(ACCENT if filled else Color(1, 1, 1))
            # Plain squares: rounded ones cost eight curves each in the page stream.
            c.rect(x0 + i * self.STEP, y, self.DOT, self.DOT, stroke=1, fill=1)
        c.restoreState()


def rated(paragraph: Flowable, value: int | None, maximum: int) -> Flowable:
    """A line that says a rating in words, with dots only when the person set it."""
    return paragraph if value is None else Meter(paragraph, value, maximum)


class Scale(Flowable):  # type: ignore[misc]
    """'0 1 2 ... 10' spread out for circling by hand, with words at both ends."""

    def __init__(self, low: str, high: str, indent: float = 0) -> None:
        super().__init__()
        self.low, self.high, self.indent = low, high, indent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, 38  # room below the numbers before the next label

    def draw(self) -> None:
        c = self.canv
        s = styles()
        left, right = self.indent + 14, min(self.width, self.indent + 13 * cm) - 14
        step = (right - left) / 10
        for n in range(11):
            line(c, left + n * step, 22, str(n), font=fonts.REGULAR, size=12, colour=INK,
                 align="centre")
        size = s.small.fontSize - 1
        line(c, left - 3, 10, self.low, font=fonts.ITALIC, size=size, colour=MUTED)
        line(c, right + 4, 10, self.high, font=fonts.ITALIC, size=size, colour=MUTED, align="right")
