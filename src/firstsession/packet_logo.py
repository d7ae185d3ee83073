"""A practice's logo as people see it: normalised once, shown the same everywhere.

A packet keeps the counsellor's image exactly as checked (``packet.Logo``). Cameras
and editors write images that viewers show right but reportlab and Qt do not all
draw alike: a 16-bit greyscale PNG printed as a blank box, an upright phone photo
lies on its side unless its EXIF orientation is applied, CMYK and palette images
with transparency differ between programs. ``shown_logo`` turns any checked logo
into one image, as photo viewers show it: EXIF orientation applied, 8 bits per
channel, RGB or RGBA (alpha kept). The Welcome page, the packet editor's preview
and every PDF header draw these bytes, never the original ones.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from firstsession.packet import Logo

if TYPE_CHECKING:
    from PIL.Image import Image

EXIF_ORIENTATION = 0x0112
_SIXTEEN_BIT_GREY = ("I;16", "I;16B", "I;16L", "I;16N", "I")
_KEPT_AS_IS = ("RGB", "RGBA", "L")


@dataclass(frozen=True)
class ShownLogo:
    """The logo as drawn: PNG bytes (or the original JPEG when it needed no change)."""

    mime: str  # "image/png" or "image/jpeg"
    data: bytes
    width: int  # pixels, upright (after the EXIF orientation)
    height: int


@lru_cache(maxsize=8)
def shown_logo(logo: Logo) -> ShownLogo:
    """The image to draw for ``logo``: upright, 8-bit RGB or RGBA (or 8-bit grey).

    ``logo`` was fully decoded and checked when it was made (``packet.logo_from_bytes``),
    so this cannot fail on it. A JPEG or 8-bit PNG in RGB, RGBA or grey with no
    orientation and no transparency key is kept byte for byte; anything else is
    re-encoded as PNG. Each logo is converted once per process (cached).
    """
    return normalise_image(logo.data)


def normalise_image(data: bytes) -> ShownLogo:
    """``data`` (PNG or JPEG bytes, already checked) as ``shown_logo`` describes.

    Pillow's warnings (such as "Corrupt EXIF data") never reach the person's terminal:
    the bytes were checked, and a damaged EXIF block only means no orientation to apply.
    An image that made Pillow warn is never kept as is: it is re-encoded as PNG (without
    the damaged block), so no later reader (reportlab, Qt) meets it again. Raises
    whatever Pillow raises on bytes that are not a decodable PNG or JPEG.
    """
    import warnings

    with warnings.catch_warnings(record=True) as noted:
        warnings.simplefilter("always")
        return _normalise(data, noted)


def _normalise(data: bytes, noted: Sequence[object]) -> ShownLogo:
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as opened:
        opened.load()
        kind = "image/png" if opened.format == "PNG" else "image/jpeg"
        orientation = opened.getexif().get(EXIF_ORIENTATION, 1)
        if not noted and _already_plain(opened, data, orientation):
            return ShownLogo(kind, bytes(data), opened.width, opened.height)
        upright = ImageOps.exif_transpose(opened) if orientation != 1 else opened.copy()
    image = _eight_bit_rgb(upright)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return ShownLogo("image/png", out.getvalue(), image.width, image.height)


def _already_plain(image: Image, data: bytes, orientation: object) -> bool:
    """8 bits per channel, RGB, RGBA or grey, upright, no transparency key."""
    if image.mode not in _KEPT_AS_IS or orientation != 1 or "transparency" in image.info:
        return False
    if image.format == "PNG":
        return len(data) > 24 and data[24] == 8  # IHDR bit depth (16-bit RGB opens as "RGB")
    return True


def _eight_bit_rgb(image: Image) -> Image:
    """Any Pillow mode -> 8-bit "RGB", or "RGBA" when the image has transparency."""
    from PIL import Image as PilImage

    mode = image.mode
    if mode in _SIXTEEN_BIT_GREY:
        # Keep the high byte of each 16-bit value (65535 -> 255, 32768 -> 128): Pillow's
        # own convert("L") clips every value over 255 to white.
        high = image.tobytes("raw", "I;16B")[::2]
        return PilImage.frombytes("L", image.size, high).convert("RGB")
    if mode == "F":
        return image.convert("L").convert("RGB")
    has_alpha = (
        mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    )
    if mode == "1":
        image = image.convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")
