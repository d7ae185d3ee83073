"""A practice's logo: its bytes checked with Pillow, then the image everyone draws.

``read_logo_file`` and ``logo_from_bytes`` check a PNG or JPEG fully (size, magic
bytes, a complete decode, no animation) before a ``packet.Logo`` is made.

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
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from firstsession import files
from firstsession.i18n import _
from firstsession.packet import MAX_LOGO_BYTES, MAX_LOGO_PIXELS, MAX_LOGO_SIDE, Logo, PacketError

if TYPE_CHECKING:
    from PIL.Image import Image

EXIF_ORIENTATION = 0x0112
_SIXTEEN_BIT_GREY = ("I;16", "I;16B", "I;16L", "I;16N", "I")
_KEPT_AS_IS = ("RGB", "RGBA", "L")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG_MAGIC = b"\xff\xd8\xff"

# Pillow's pixel limit and the warnings filter are process-wide; this keeps two
# of our own checks from changing them at the same time.
_PILLOW_LOCK = threading.Lock()


# -- checking a logo --------------------------------------------------------------------


def read_logo_file(path: Path) -> Logo:
    """A logo chosen in the packet editor, read by ``files.read_and_decode`` then checked.

    Raises PacketError with one line naming the file.
    """
    return files.read_and_decode(
        path, MAX_LOGO_BYTES, "logo", logo_from_bytes, PacketError,
        verb=_("{file} cannot be used as a logo: {reason}"),
    )


def logo_from_bytes(data: bytes, mime: str | None = None) -> Logo:
    """Check image bytes and make a Logo; ``mime``, when given, must match the real format.

    The size, the magic bytes and a full decode with Pillow are all checked;
    width and height come from the decoded image, never from the file.
    """
    if len(data) > MAX_LOGO_BYTES:
        raise PacketError(_("the logo is too large (at most {limit})")
            .format(limit=files.mib(MAX_LOGO_BYTES)), "logo")
    if data.startswith(_PNG_MAGIC):
        real = "image/png"
    elif data.startswith(_JPEG_MAGIC):
        real = "image/jpeg"
    else:
        raise PacketError(_("the logo is not a PNG or JPEG image"), "logo")
    if mime is not None and mime != real:
        raise PacketError(
            _("logo.mime says {mime} but the image is a {value}")
                .format(mime=mime, value=_KIND[real]), "logo.mime"
        )
    width, height = _check_image(data, _PILLOW_FORMAT[real])
    return Logo(real, bytes(data), width, height)


_KIND = {"image/png": "PNG", "image/jpeg": "JPEG"}
_PILLOW_FORMAT = {"image/png": "PNG", "image/jpeg": "JPEG"}


def _check_image(data: bytes, pillow_format: str) -> tuple[int, int]:
    """Decode the image fully; return its size or raise PacketError."""
    # Pillow is only needed when there is a logo to check.
    from PIL import Image, ImageFile

    too_big = (
        _("the logo has too many pixels (at most {side} \u00d7 {side})").format(side=MAX_LOGO_SIDE)
    )
    with _PILLOW_LOCK:
        saved_limit = Image.MAX_IMAGE_PIXELS
        saved_truncated = ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                # Pillow's other warnings (such as "Corrupt EXIF data" on a camera's
                # JPEG) are harmless here and must never reach the person's terminal;
                # a decompression bomb becomes a plain refusal (below).
                warnings.simplefilter("ignore")
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                # Only the one decoder this format needs is ever tried.
                with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                    width, height = image.size
                    if width > MAX_LOGO_SIDE or height > MAX_LOGO_SIDE:
                        raise PacketError(too_big, "logo")
                    if width < 1 or height < 1:
                        raise PacketError(_("the logo is an empty image"), "logo")
                    if getattr(image, "n_frames", 1) != 1 or getattr(image, "is_animated", False):
                        raise PacketError(
                            _("the logo is animated or has several frames; use a still image"),
                            "logo",
                        )
                    image.verify()
                # verify() leaves the image unusable; decode every pixel from a fresh
                # open to catch data that is cut short.
                with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                    image.load()
        except PacketError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PacketError(too_big, "logo") from None
        except Exception:  # any decoder failure on untrusted bytes means "bad image"
            raise PacketError(
                _("the logo could not be read (the image is damaged or cut short)"), "logo"
            ) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved_limit
            ImageFile.LOAD_TRUNCATED_IMAGES = saved_truncated
    return width, height


# -- the logo as drawn ------------------------------------------------------------------


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

    ``logo`` was fully decoded and checked when it was made (``logo_from_bytes``),
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
