"""A practice's logo looks the same, and right, in the app and in every PDF, whatever
camera or editor made it: 16-bit grey, EXIF-rotated, CMYK, palette with transparency,
grey with alpha, 1-bit. Real images made with Pillow, real PDFs read back with pypdf."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable

import pytest
from PIL import Image
from pypdf import PdfReader

from firstsession.model import Sheet
from firstsession.packet import Packet
from firstsession.packet_format import packet_to_dict
from firstsession.packet_logo import logo_from_bytes, shown_logo
from firstsession.packet_sample import sample_packet
from firstsession.pdf import render_blank, render_sheet

WIDTH, HEIGHT = 40, 20  # as stored; each image has a left half and a right half
RGBA = tuple[int, int, int, int]


def halves(image: Image.Image, left: object, right: object) -> Image.Image:
    for x in range(image.width):
        for y in range(image.height):
            image.putpixel((x, y), left if x < image.width // 2 else right)
    return image


def encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()


def grey16() -> bytes:
    return encoded(halves(Image.new("I;16", (WIDTH, HEIGHT)), 0x2000, 0xE000), "PNG")


def rotated_jpeg() -> bytes:
    """A phone photo: stored on its side, EXIF orientation 6 (turn 90° clockwise to view)."""
    image = halves(Image.new("RGB", (WIDTH, HEIGHT)), (220, 30, 30), (30, 30, 220))
    exif = Image.Exif()
    exif[0x0112] = 6
    return encoded(image, "JPEG", quality=95, exif=exif.tobytes())


def cmyk_jpeg() -> bytes:
    image = halves(Image.new("CMYK", (WIDTH, HEIGHT)), (0, 255, 255, 0), (255, 255, 0, 0))
    return encoded(image, "JPEG", quality=95)


def palette_with_transparency() -> bytes:
    image = Image.new("P", (WIDTH, HEIGHT))
    image.putpalette([255, 0, 255, 0, 160, 0] + [0] * (256 * 3 - 6))
    return encoded(halves(image, 0, 1), "PNG", transparency=0)


def grey_with_alpha() -> bytes:
    return encoded(halves(Image.new("LA", (WIDTH, HEIGHT)), (90, 0), (200, 255)), "PNG")


def one_bit() -> bytes:
    return encoded(halves(Image.new("1", (WIDTH, HEIGHT)), 0, 1), "PNG")


def plain_rgb() -> bytes:
    return encoded(halves(Image.new("RGB", (WIDTH, HEIGHT)), (250, 200, 0), (0, 90, 90)), "PNG")


TRANSPARENT = (0, 0, 0, 0)
# kind -> (the image's bytes, (width, height) upright, colour of one end, of the other end).
# The ends are left and right, or top and bottom for the rotated photo. A transparent end
# only checks alpha.
CASES: dict[str, tuple[Callable[[], bytes], tuple[int, int], RGBA, RGBA]] = {
    "16-bit grey PNG": (grey16, (WIDTH, HEIGHT), (32, 32, 32, 255), (224, 224, 224, 255)),
    "EXIF-rotated JPEG (orientation 6)":
        (rotated_jpeg, (HEIGHT, WIDTH), (220, 30, 30, 255), (30, 30, 220, 255)),
    "CMYK JPEG": (cmyk_jpeg, (WIDTH, HEIGHT), (255, 0, 0, 255), (0, 0, 255, 255)),
    "palette PNG with transparency":
        (palette_with_transparency, (WIDTH, HEIGHT), TRANSPARENT, (0, 160, 0, 255)),
    "grey PNG with alpha": (grey_with_alpha, (WIDTH, HEIGHT), TRANSPARENT, (200, 200, 200, 255)),
    "1-bit PNG": (one_bit, (WIDTH, HEIGHT), (0, 0, 0, 255), (255, 255, 255, 255)),
    "plain RGB PNG": (plain_rgb, (WIDTH, HEIGHT), (250, 200, 0, 255), (0, 90, 90, 255)),
}
TOLERANCE = 24  # JPEG is lossy


def ends(image: Image.Image) -> tuple[RGBA, RGBA]:
    """The colours a quarter of the way in from each end (left/right, or top/bottom when
    the image is taller than wide), as RGBA."""
    rgba = image.convert("RGBA")
    w, h = rgba.size
    if h > w:
        first, second = rgba.getpixel((w // 2, h // 4)), rgba.getpixel((w // 2, 3 * h // 4))
    else:
        first, second = rgba.getpixel((w // 4, h // 2)), rgba.getpixel((3 * w // 4, h // 2))
    assert isinstance(first, tuple) and isinstance(second, tuple)
    return first, second  # type: ignore[return-value]


def assert_looks_like(seen: RGBA, expected: RGBA, where: str) -> None:
    if expected == TRANSPARENT:
        assert seen[3] <= TOLERANCE, f"{where}: {seen} should be transparent"
        return
    assert all(abs(a - b) <= TOLERANCE for a, b in zip(seen, expected, strict=True)), (
        f"{where}: {seen} should look like {expected}"
    )


def packet_with(data: bytes) -> Packet:
    return dataclasses.replace(sample_packet(), logo=logo_from_bytes(data))


def header_image(pdf_bytes: bytes) -> Image.Image:
    """The logo image the first page's header draws, read back from the PDF."""
    images = PdfReader(io.BytesIO(pdf_bytes)).pages[0].images
    assert len(images) == 1, "the header draws one image"
    image = images[0].image
    assert image is not None
    return image


@pytest.mark.parametrize("kind", list(CASES))
def test_every_kind_of_logo_prints_as_viewers_show_it(kind: str) -> None:
    """The handout and the filled sheet both draw the logo upright, at 8 bits, in its
    colours, with its transparency (a 16-bit grey PNG printed as a blank box)."""
    make, size, first, second = CASES[kind]
    packet = packet_with(make())
    sheet = Sheet(packet=packet_to_dict(packet))
    for name, pdf in (("handout", render_blank(packet=packet)), ("sheet", render_sheet(sheet))):
        image = header_image(pdf)
        assert image.size == size, f"{name}: drawn {image.size}, should be {size} (upright)"
        seen_first, seen_second = ends(image)
        assert_looks_like(seen_first, first, f"{name}, first end")
        assert_looks_like(seen_second, second, f"{name}, second end")


@pytest.mark.parametrize("kind", list(CASES))
def test_normalised_logo_is_8_bit_rgb_or_rgba_and_upright(kind: str) -> None:
    """One conversion for everyone: 8-bit RGB or RGBA (or untouched 8-bit grey), upright,
    the size it is drawn at; an image that needs nothing is kept byte for byte."""
    make, size, first, second = CASES[kind]
    data = make()
    shown = shown_logo(logo_from_bytes(data))
    image = Image.open(io.BytesIO(shown.data))
    assert image.mode in ("RGB", "RGBA", "L")
    assert "transparency" not in image.info
    assert (shown.width, shown.height) == image.size == size
    assert_looks_like(ends(image)[0], first, "first end")
    assert_looks_like(ends(image)[1], second, "second end")
    if kind == "plain RGB PNG":
        assert shown.data == data


@pytest.mark.parametrize("kind", ["16-bit grey PNG", "EXIF-rotated JPEG (orientation 6)",
                                  "palette PNG with transparency"])
def test_welcome_page_shows_the_same_logo_as_the_pdf(qtbot, kind: str) -> None:  # type: ignore[no-untyped-def]
    """The app's Welcome page shows the normalised image: the same way up and the same
    colours as the PDFs."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtWidgets import QLabel

    from firstsession import content
    from firstsession.app.session import Session
    from firstsession.app.window import MainWindow

    make, size, first, second = CASES[kind]
    sheet = Sheet(packet=packet_to_dict(packet_with(make())))
    window = MainWindow(Session(sheet, content.load()))
    qtbot.addWidget(window)
    window.show()
    label = window.page("welcome").findChild(QLabel, "practiceLogo")
    assert label is not None
    qimage = label.pixmap().toImage()
    assert not qimage.isNull()
    png = QBuffer()
    png.open(QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(png, "PNG")
    shown = Image.open(io.BytesIO(bytes(png.data().data())))
    assert (shown.width > shown.height) == (size[0] > size[1]), "shown the wrong way up"
    assert_looks_like(ends(shown)[0], first, "Welcome page, first end")
    assert_looks_like(ends(shown)[1], second, "Welcome page, second end")
