"""The ``firstsession`` command: opens the app, or does one job on the command line.

The command line never imports Qt: the app is imported only when it is opened.
Bad input of any kind ends with one plain line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import argparse

from firstsession import __version__

EXIT_BAD_INPUT = 2
COMMANDS = ("sample", "import", "export", "blank")


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2."""


def _printable(text: str) -> str:
    """One line, with control characters made visible, for a message on stderr."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not needed to open the app, so not paid for at start-up

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(f"{message} (see 'firstsession --help')")

    parser = _Parser(
        prog="firstsession",
        description="Get ready for a first counselling or therapy session. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"First Session {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start the app, show the main window, process events and exit 0",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("sample", help="write a realistic filled example sheet")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")

    p = sub.add_parser("import", help="make SHEET the saved sheet (the old one goes to the backup)")
    p.add_argument("sheet", type=Path, metavar="SHEET")

    paper = {"choices": ("A4", "Letter"), "help": "paper size (default: by your locale)"}
    p = sub.add_parser("export", help="the filled prep sheet as a PDF")
    p.add_argument("sheet", nargs="?", type=Path, metavar="SHEET",
                   help="a sheet file (default: the saved sheet)")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    p.add_argument("--paper", **paper)  # type: ignore[arg-type]
    p.add_argument("--replace-missing", action="store_true",
                   help="show characters the font cannot draw as [U+XXXX] instead of stopping")

    p = sub.add_parser("blank", help="a blank printable handout")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    p.add_argument("--paper", **paper)  # type: ignore[arg-type]
    p.add_argument("--country", default="", help="crisis line country code, e.g. US, GB, AU")
    return parser


def _check_output(out: Path, protect: Sequence[Path] = ()) -> None:
    if out.is_dir():
        raise UsageError(f"cannot write {out}: it is a folder")
    if not out.parent.is_dir():
        raise UsageError(f"cannot write {out}: the folder {out.parent} does not exist")
    for p in protect:
        if p.exists() and out.exists() and out.resolve() == p.resolve():
            raise UsageError(f"will not write over the input file {out}")


def _cmd_sample(args: argparse.Namespace) -> int:
    from firstsession.sample import sample_sheet
    from firstsession.storage import atomic_write, encode_sheet

    out: Path = args.output
    _check_output(out)
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists (use --force to replace it)")
    atomic_write(out, encode_sheet(sample_sheet()))
    print(f"Wrote an example sheet to {out}")
    return 0


def _read_sheet(path: Path | None):  # type: ignore[no-untyped-def]
    from firstsession import paths, storage

    source = path or paths.sheet_path()
    if path is None and not source.exists():
        raise UsageError(
            f"there is no saved sheet yet (looked in {source}); name a SHEET file to export"
        )
    try:
        return storage.read_sheet_file(source)
    except storage.SheetFileError as err:
        raise UsageError(str(err)) from None


def _cmd_import(args: argparse.Namespace) -> int:
    from firstsession import storage

    sheet_file: Path = args.sheet
    _read_sheet(sheet_file)  # check it before anything is touched
    written = storage.import_sheet(sheet_file)
    print(f"Imported {sheet_file}; it is now your saved sheet ({written}).")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from firstsession import paths

    sheet = _read_sheet(args.sheet)
    out: Path = args.output
    _check_output(out, protect=[args.sheet or paths.sheet_path()])
    from firstsession import pdf  # reportlab is loaded only once the input is known good

    if args.paper:
        sheet.export.paper = args.paper
    try:
        pdf.export_sheet(sheet, out, replace_missing=args.replace_missing)
    except pdf.PdfError as err:
        raise UsageError(str(err)) from None
    print(f"Wrote {out}")
    return 0


def _cmd_blank(args: argparse.Namespace) -> int:
    from firstsession import pdf

    out: Path = args.output
    _check_output(out)
    try:
        pdf.export_blank(out, paper=args.paper, country=args.country)
    except pdf.PdfError as err:
        raise UsageError(str(err)) from None
    print(f"Wrote {out}")
    return 0


def _open_file_in_app(name: str) -> int:
    """``firstsession FILE``: open a sheet or a counsellor packet in the app."""
    path = Path(name)
    if not path.is_file():
        print(f"firstsession: {_printable(name)} is not a command or a file "
              "(see 'firstsession --help')", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _open_app([str(path)])


def _open_app(argv: Sequence[str]) -> int:
    from firstsession.app.main import run  # Qt is imported only here

    return run(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in ([], ["--smoke-test"]):
        return _open_app(argv)  # the common case: no argument parsing to pay for at start-up
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return _open_file_in_app(argv[0])
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _open_app(["--smoke-test"] if args.smoke_test else [])
        handlers = {
            "sample": _cmd_sample,
            "import": _cmd_import,
            "export": _cmd_export,
            "blank": _cmd_blank,
        }
        return handlers[args.command](args)
    except UsageError as err:
        print(f"firstsession: {_printable(str(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        reason = err.strerror or str(err)
        print(f"firstsession: cannot use{_printable(str(where))}: {reason}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
