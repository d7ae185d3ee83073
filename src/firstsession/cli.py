"""The ``firstsession`` command: opens the app, or does one job on the command line.

The command line never imports Qt: the app is imported only when it is opened.
Bad input of any kind ends with one plain line on stderr and exit status 2.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn

if TYPE_CHECKING:
    import argparse

    from firstsession.model import Sheet

from firstsession import __version__
from firstsession.cli_country import country_type, note_packet_country
from firstsession.cli_names import MAX_NAMES, NamesError, read_names_file, split_paths
from firstsession.coredumps import forbid_core_dumps
from firstsession.i18n import N_, _, ngettext

EXIT_BAD_INPUT = 2
COMMANDS = ("sample", "import", "export", "blank", "passphrase")


class UsageError(Exception):
    """Bad input: printed as one line, exit status 2."""


def _printable(text: str) -> str:
    """One line, with control characters and undecodable file-name bytes made visible."""
    from firstsession.outputs import printable

    return printable(text)


def _shown(path: Path | str) -> str:
    from firstsession.outputs import show_path

    return show_path(path)


def _say(text: str) -> None:
    """The line saying the work was done, on stdout. It can never fail to print because
    of a file name, and a stdout that cannot take it (a full disk, a pipe whose reader has
    gone) never makes done work look failed: the command still exits 0, and stderr gets
    one line saying the work was done but this line could not be printed."""
    import os

    try:
        print(_printable(text), flush=True)
    except OSError as err:
        try:  # later writes (and the flush at exit) go nowhere instead of failing again
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass
        reason = err.strerror or type(err).__name__
        try:
            line = _("done, but the line saying so could not be printed ({reason})")
            print(f"firstsession: {line.format(reason=_printable(reason))}",
                  file=sys.stderr, flush=True)
        except OSError:
            pass


OUTPUT_PDF_HELP = N_("the PDF file to write")
FORCE_PDF_HELP = N_(
    "replace OUT.pdf even if it is not a PDF (an existing PDF is replaced without it; "
    "never your saved sheet or anything in First Session's data folder)"
)


def _add_paper(p: argparse.ArgumentParser) -> None:
    """The --paper option that export and blank share."""
    p.add_argument("--paper", choices=("A4", "Letter"),
                   help=_("paper size (default: by your locale)"))


def _add_lang(p: argparse.ArgumentParser) -> None:
    """The --lang option every command has (read before parsing: ``cli_lang``)."""
    from firstsession.cli_lang import LANG_OPTION

    p.add_argument(LANG_OPTION, metavar=_("TAG"),
                   help=_("the language of the messages and the PDF, such as en or es "
                          "(default: your system's language)"))


def build_parser() -> argparse.ArgumentParser:
    import argparse  # not needed to open the app, so not paid for at start-up

    from firstsession.cli_lang import use_our_words

    use_our_words()  # argparse's own words ("usage:", its errors) in our language

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(_("{problem} (see 'firstsession --help')").format(problem=message))

    parser = _Parser(
        prog="firstsession",
        description=_("Get ready for a first counselling or therapy session. "
                      "With no command, opens the app."),
    )
    parser.add_argument("--version", action="version", version=f"First Session {__version__}",
                        help=_("show the version and exit"))
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("start the app, show the main window, process events and exit 0"),
    )
    _add_lang(parser)
    # TRANSLATORS: the placeholders in the usage lines (COMMAND, FILE, SHEET, OUT.pdf...) are
    # words too: the help texts name them, so translate them the same way there.
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser,
                                help=_("what to do; with none, the app opens"))

    p = sub.add_parser("sample", help=_("write a realistic filled example sheet (or packet)"))
    p.add_argument("-o", "--output", required=True, type=Path, metavar=_("FILE"),
                   help=_("the file to write"))
    p.add_argument("--force", action="store_true",
                   help=_("replace FILE if it exists (never your saved sheet or anything "
                          "in First Session's data folder)"))
    p.add_argument("--packet", action="store_true",
                   help=_("write an example counsellor packet instead of a sheet"))
    _add_lang(p)

    p = sub.add_parser(
        "import", help=_("make SHEET the saved sheet (the old one goes to the backup)"))
    p.add_argument("sheet", type=Path, metavar=_("SHEET"), help=_("a sheet file"))
    _add_lang(p)

    p = sub.add_parser("export", help=_("the filled prep sheet as a PDF"))
    p.add_argument("sheet", nargs="?", type=Path, metavar=_("SHEET"),
                   help=_("a sheet file (default: the saved sheet)"))
    p.add_argument("-o", "--output", required=True, type=Path, metavar=_("OUT.pdf"),
                   help=_(OUTPUT_PDF_HELP))
    p.add_argument("--force", action="store_true", help=_(FORCE_PDF_HELP))
    _add_paper(p)
    p.add_argument("--replace-missing", action="store_true",
                   help=_("print writing no bundled font has (such as Javanese) as its "
                          "script's name in brackets, like [Javanese], instead of stopping"))
    _add_lang(p)
    from firstsession.cli_privacy import add_parsers, add_password_option

    add_password_option(p)

    p = sub.add_parser("blank", help=_("a blank printable handout"))
    p.add_argument("-o", "--output", required=True, type=Path, metavar=_("OUT.pdf"),
                   help=_(OUTPUT_PDF_HELP))
    p.add_argument("--force", action="store_true", help=_(FORCE_PDF_HELP))
    _add_paper(p)
    p.add_argument("--country", default="", type=country_type,
                   help=_("the country whose emergency number and crisis lines are shown: "
                          "a code or a name, e.g. US, GB, UK, Mexico"))
    p.add_argument("--packet", type=Path, metavar=_("PACKET"),
                   help=_("a counsellor packet: the practice's own handout, in the packet's "
                          "language unless --lang is given"))
    p.add_argument("--fillable", action="store_true",
                   help=_("a fillable PDF form instead of lines to write on"))
    p.add_argument("--names", type=Path, metavar=_("FILE"),
                   help=_("UTF-8 text, one client name per line (at most {count}): "
                          "one personalised handout per name, in one PDF").format(count=MAX_NAMES))
    p.add_argument("--split", action="store_true",
                   help=_("with --names: one file per name, OUT-001-name.pdf next to OUT.pdf "
                          "(or FOLDER/handout-001-name.pdf when -o names a folder)"))
    _add_lang(p)
    add_parsers(sub)
    return parser


def _check_output(
    out: Path, *, kind: Literal["pdf", "data"], force: bool, inputs: Sequence[Path | None] = ()
) -> None:
    """The one rule for every output (see firstsession.outputs); UsageError if refused."""
    from firstsession.outputs import OutputError, check_output_path

    try:
        check_output_path(out, kind=kind, force=force, inputs=inputs)
    except OutputError as err:
        raise UsageError(str(err)) from None


def _write(out: Path, data: bytes, *, mode: int = 0o600, unchanged: str | None = None) -> None:
    """Write an output through the one writer; UsageError naming the file if it fails."""
    from firstsession.outputs import OutputError, write_output

    try:
        write_output(out, data, mode=mode, unchanged=unchanged)
    except OutputError as err:
        raise UsageError(str(err)) from None


def _cmd_sample(args: argparse.Namespace) -> int:
    out: Path = args.output
    _check_output(out, kind="data", force=args.force)
    if args.packet:
        from firstsession.packet_format import encode_packet, validate_packet
        from firstsession.packet_sample import sample_packet

        # A packet is meant to be handed out and holds no client data: readable by others.
        _write(out, encode_packet(validate_packet(sample_packet())), mode=0o644)
        _say(_("Wrote an example counsellor packet to {file}").format(file=_shown(out)))
        return 0
    from firstsession.sample import sample_sheet
    from firstsession.storage import encode_sheet

    _write(out, encode_sheet(sample_sheet()))
    _say(_("Wrote an example sheet to {file}").format(file=_shown(out)))
    return 0


def _read_sheet(path: Path | None) -> Sheet:
    import os

    from firstsession import paths, storage

    source = path or paths.sheet_path()
    if path is None and not os.path.lexists(source):  # a link to nothing is named below
        raise UsageError(
            _("there is no saved sheet yet (looked in {folder}); name a SHEET file to export")
            .format(folder=source)
        )
    try:
        return storage.read_sheet_file(source)
    except storage.SheetFileError as err:
        raise UsageError(str(err)) from None


def _cmd_import(args: argparse.Namespace) -> int:
    from firstsession import storage
    from firstsession.cli_privacy import unlock_for, unlock_store_only

    sheet_file: Path = args.sheet
    unlock_for(sheet_file, store=True)  # a passphrase is asked for first, when one is set
    sheet = _read_sheet(sheet_file)  # check it before anything is touched
    unlock_store_only()  # saved as the store is kept: encrypted with its own key, or plain
    kept: list[Path] = []
    try:
        written = storage.save_sheet(sheet, on_set_aside=kept.append)
    except storage.SheetFileError as err:
        raise UsageError(str(err)) from None
    except storage.SheetTooLargeError as err:
        raise UsageError(_("{file} cannot be used: {reason}").format(
            file=_shown(sheet_file), reason=err)) from None
    except storage.DanglingLinkError as err:
        raise UsageError(_("cannot import {file}: {reason}").format(
            file=_shown(sheet_file), reason=err.strerror)) from None
    except OSError as err:
        from firstsession import paths
        from firstsession.outputs import describe_write_failure

        raise UsageError(
            describe_write_failure(
                paths.sheet_path(), err, unchanged=_("your saved sheet was not changed")
            )
        ) from None
    for old in kept:  # never silently: the old saved sheet was moved, not lost
        kept_as = _("your old saved sheet could not be read; it was kept as {file}")
        print(f"firstsession: {kept_as.format(file=_shown(old))}", file=sys.stderr)
    _say(_("Imported {file}; it is now your saved sheet ({saved}).").format(
        file=_shown(sheet_file), saved=_shown(written)))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from firstsession import paths

    out: Path = args.output
    # The output is checked before the sheet is read too, so a refused -o changes nothing.
    _check_output(out, kind="pdf", force=args.force, inputs=[args.sheet or paths.sheet_path()])
    from firstsession import cli_privacy

    cli_privacy.unlock_for(args.sheet, store=args.sheet is None)
    sheet = _read_sheet(args.sheet)
    from firstsession import pdf  # reportlab is loaded only once the input is known good

    if args.paper:
        sheet.export.paper = args.paper
    try:
        data = pdf.render_sheet(sheet, replace_missing=args.replace_missing)
    except pdf.UndrawableError as err:
        from firstsession.pdf.printed import describe

        raise UsageError(describe(err.problems, again=_("add --replace-missing"))) from None
    except pdf.PdfError as err:
        raise UsageError(str(err)) from None
    data = cli_privacy.locked_if_asked(data, args.password)
    _write(out, data)
    _say(_("Wrote {file}").format(file=_shown(out)))
    cli_privacy.say_pdf_protection(args.password)
    return 0


def _note_undrawable(path: Path | None, texts: Sequence[tuple[str, str]], names: bool) -> None:
    """One note on stderr (not an error: the handout is still made) naming each of
    ``texts`` ((label, text) pairs from the file at ``path``: a packet's fields, or the
    names of a names file when ``names``) that holds writing no bundled font can draw,
    with its own scripts, and what is printed in its place."""
    from firstsession.pdf.errors import Undrawable
    from firstsession.pdf.printed import and_list, example_of, in_words
    from firstsession.scripts import missing_scripts

    bad = [Undrawable(label, tuple(found)) for label, text in texts
           if (found := missing_scripts(text))]
    if not bad:
        return
    listed = [_("{field}: {scripts}").format(field=p.field,
                                             scripts=and_list([in_words(s) for s in p.scripts]))
              for p in bad[:5]]
    if len(bad) > 5:
        listed.append(ngettext("and {count} more", "and {count} more", len(bad) - 5)
                      .format(count=len(bad) - 5))
    if names:
        note = ngettext(
            "{count} name in {file} uses writing no font in First Session can print yet "
            "({which}); it is printed as its script's name, like {example}",
            "{count} names in {file} use writing no font in First Session can print yet "
            "({which}); it is printed as its script's name, like {example}", len(bad))
    else:
        note = ngettext(
            "{count} field in {file} uses writing no font in First Session can print yet "
            "({which}); it is printed as its script's name, like {example}",
            "{count} fields in {file} use writing no font in First Session can print yet "
            "({which}); it is printed as its script's name, like {example}", len(bad))
    text = note.format(count=len(bad), file=_printable(str(path)),
                       which=_printable("; ".join(listed)), example=example_of(bad))
    print(f"firstsession: {_('note:')} {text}", file=sys.stderr)


SPLIT_STEM = "handout"  # --split -o FOLDER: FOLDER/handout-001-<name>.pdf


def _cmd_blank(args: argparse.Namespace) -> int:
    out: Path = args.output
    if args.split and args.names is None:
        raise UsageError(_("--split needs --names FILE"))
    if args.split and out.is_dir():
        out = out / f"{SPLIT_STEM}.pdf"
    inputs = [args.packet, args.names]
    if not args.split:  # with --split, each file is checked once the names are known
        _check_output(out, kind="pdf", force=args.force, inputs=inputs)
    packet = None
    if args.packet is not None:
        from firstsession.packet import PacketError
        from firstsession.packet_format import read_packet_file

        try:
            packet = read_packet_file(args.packet)
        except PacketError as err:
            raise UsageError(str(err)) from None
    names = read_names_file(args.names) if args.names is not None else []
    from firstsession import pdf  # reportlab is loaded only once the input is known good

    # A packet's handout speaks the packet's language unless --lang was given.
    options: pdf.HandoutOptions = {"paper": args.paper, "country": args.country,
                                   "packet": packet, "fillable": args.fillable,
                                   "language": args.lang}
    targets: list[Path] = []
    if args.split:
        targets = split_paths(out, names)
        for target in targets:  # every file checked before any is written
            _check_output(target, kind="pdf", force=args.force, inputs=inputs)
    if packet is not None:
        from firstsession.packet_format import packet_texts

        if not packet.country:
            note_packet_country(args.packet, args.country)
        _note_undrawable(args.packet, packet_texts(packet), names=False)
    _note_undrawable(args.names, [(_("name {number}").format(number=i), name)
                                  for i, name in enumerate(names, 1)], names=True)
    try:
        if not names:
            _write(out, pdf.render_blank(**options))
            _say(_("Wrote {file}").format(file=_shown(out)))
        elif args.split:
            for done, (name, target) in enumerate(zip(names, targets, strict=True)):
                # Say exactly what happened: the handouts before this one were written.
                tail = None if done == 0 else ngettext(
                    "the first {done} of {total} handouts were written ({first} ... {last}), "
                    "no others",
                    "the first {done} of {total} handouts were written ({first} ... {last}), "
                    "no others", done).format(done=done, total=len(targets),
                                              first=_shown(targets[0]),
                                              last=_shown(targets[done - 1]))
                _write(target, pdf.render_blank(client_name=name, **options), unchanged=tail)
            _say(ngettext("Wrote {count} handout: {first} ... {last}",
                          "Wrote {count} handouts: {first} ... {last}", len(targets))
                 .format(count=len(targets), first=_shown(targets[0]),
                         last=_shown(targets[-1])))
        else:
            _write(out, pdf.render_blank_copies(names, **options))
            _say(ngettext("Wrote {file} ({count} handout)", "Wrote {file} ({count} handouts)",
                          len(names)).format(file=_shown(out), count=len(names)))
    except pdf.PdfError as err:
        raise UsageError(str(err)) from None
    return 0


def _open_file_in_app(name: str) -> int:
    """``firstsession FILE``: open a sheet or a counsellor packet in the app."""
    path = Path(name)
    if not path.is_file():
        problem = _("{name} is not a command or a file (see 'firstsession --help')")
        print(f"firstsession: {problem.format(name=_printable(name))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _open_app([str(path)])


def _open_app(argv: Sequence[str]) -> int:
    from firstsession.app.main import run  # Qt is imported only here

    status: int = run(list(argv))
    return status


def _robust_streams() -> None:
    """Printing must never fail: a character the terminal's encoding lacks becomes an escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot change: keep it as it is
                pass


def describe_os_error(err: OSError) -> str:
    """One line for an OSError no command caught: the reason and the file(s) it names.

    It never says whether anything changed (it cannot know) and never says "a file"."""
    reason = err.strerror or str(err) or type(err).__name__
    names = [_shown(n) for n in (err.filename, err.filename2) if n not in (None, "")]
    if not names:
        return reason
    return f"{' -> '.join(names)}: {reason}"


def _storage_error(err: Exception) -> str | None:
    """The one line for any error of our file layer (storage, outputs, packet), or None."""
    from firstsession import cli_privacy, outputs, packet, storage

    if isinstance(err, (storage.SheetFileError, storage.SheetTooLargeError,
                        outputs.OutputError, packet.PacketError,
                        cli_privacy.PassphraseUsageError)):
        return str(err)
    return None


def cli_privacy_run(args: argparse.Namespace) -> int:
    from firstsession import cli_privacy

    return cli_privacy.run(args)


def main(argv: Sequence[str] | None = None) -> int:
    """The ``firstsession`` command: the app, or one of the commands; returns the exit status."""
    # A frozen build's copies started by multiprocessing (the preview's renderer) never get
    # here: the bundle's launcher (packaging/launcher.py) sends them to freeze_support first.
    forbid_core_dumps()  # a crash dump would hold everything typed
    _robust_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv in ([], ["--smoke-test"]):
        return _open_app(argv)  # the common case: no argument parsing to pay for at start-up
    from firstsession.cli_lang import LanguageError, choose_language, language_from_argv

    try:  # before anything is said: the help and every message follow --lang
        choose_language(language_from_argv(argv))
    except LanguageError as err:
        print(f"firstsession: {_printable(str(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        return _open_file_in_app(argv[0])
    try:
        args = build_parser().parse_args(argv)
        args.lang = language_from_argv(argv)  # given before or after the command alike
        if args.command is None:
            return _open_app(["--smoke-test"] if args.smoke_test else [])
        handlers = {
            "sample": _cmd_sample,
            "import": _cmd_import,
            "export": _cmd_export,
            "blank": _cmd_blank,
            "passphrase": cli_privacy_run,
        }
        return handlers[args.command](args)
    except (UsageError, NamesError) as err:
        print(f"firstsession: {_printable(str(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as err:  # not caught closer to it: name the file, claim nothing more
        print(f"firstsession: {_printable(describe_os_error(err))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as err:
        message = _storage_error(err)
        if message is None:
            raise
        print(f"firstsession: {_printable(message)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
