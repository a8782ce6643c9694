"""The ``cleaner`` command: a stdin/stdout filter and a file cleaner."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import cleaner
from cleaner.batch import command as batch
from cleaner.decoding import text_codec
from cleaner.document import Document
from cleaner.errors import CleanerError, InputError, RulesError
from cleaner.files import document_bytes, looks_like_jsonl, missing_input
from cleaner.html import BACKENDS, DEFAULT_BACKEND, INPUTS, PAGE_TYPES, looks_like_html
from cleaner.output import explain, render_json, to_json, to_jsonl, to_record
from cleaner.pipeline import MODES, Cleaner

EXAMPLES = """\
examples:
  cleaner < article.txt                   clean body on stdout
  cleaner --format json article.txt       text, metadata and removals as JSON
  cleaner --explain article.txt           every line, kept or struck out with its rule
  cleaner --format jsonl a.txt b.txt      one JSON record per file
  cleaner --format markdown page.html     the body with its headings, lists and tables
  cleaner --rules my_rules.toml page.txt  the default chain with your rules merged over it
  cleaner --encoding cp1250 story.txt     bytes whose encoding you know: no detection
{batch}
exit status: 0 success, 1 an input could not be read, 2 usage or rules-file error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn scraped article text into a clean body with metadata.",
        epilog=EXAMPLES.format(batch=batch.BATCH_EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="input files ('-' or none: stdin)")
    parser.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "jsonl", "markdown"),
        default="text",
        help="output format (default: text); markdown keeps headings, lists, tables, quotes "
        "and code (in batch mode: a markdown field in each record, or DIR/*.md)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="list every input line, kept or removed with the rule that removed it",
    )
    parser.add_argument(
        "--rules", metavar="FILE", help="a rules file merged over the default chain"
    )
    parser.add_argument("--lang", metavar="CODE", help="the document language; skips detection")
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        type=_encoding,
        help="the encoding of the input bytes, when known; skips detection and a page's"
        " declared charset (bytes not in it are an input error)",
    )
    parser.add_argument(
        "--input",
        choices=INPUTS,
        default="auto",
        help="what the input is: auto detects a page (default), text or html",
    )
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        default=None,
        help=f"main-content extractor for HTML (default: {DEFAULT_BACKEND})",
    )
    parser.add_argument(
        "--page-type",
        choices=PAGE_TYPES,
        default=None,
        help="what kind of page an HTML page is, instead of the type its structured data, "
        "og:type or URL give: it decides how the main content is extracted",
    )
    parser.add_argument(
        "--mode",
        choices=MODES,
        default=None,
        help="article text, an extractor's output (trafilatura's, say: its lists and repeats "
        "stay), a whole page's text, or decide from the text (default: auto; page for the "
        "text records of WET files)",
    )
    parser.add_argument("--url", help="the document's URL, recorded as metadata (never fetched)")
    parser.add_argument(
        "--no-removed",
        action="store_true",
        help="leave the list of removed lines out of JSON output",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour --explain output (default: when stdout is a terminal)",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    batch.add_arguments(parser)
    return parser


class _Version(argparse.Action):
    """``--version``, with the version read only when asked for (see ``cleaner.__version__``)."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(f"{parser.prog} {cleaner.__version__}\n")
        parser.exit()


def _encoding(name: str) -> str:
    """An --encoding value: a text encoding Python knows, else a usage error."""
    try:
        return text_codec(name)
    except InputError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class InputFailure(Exception):
    """An input that could not be read; the CLI exits 1 after reporting it."""


def _read(name: str, limit: int) -> bytes:
    """The bytes of file ``name`` (``-``: stdin), reading no more than one byte over
    ``limit``, so that an endless or huge input costs no more memory than the limit."""
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        try:
            with open(name, "rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputFailure(missing_input(_printable(name))) from None
        except OSError as error:
            raise InputFailure(f"{_printable(name)}: {error.strerror or error}") from None
    if len(data) > limit:
        label = "<stdin>" if name == "-" else _printable(name)
        raise InputFailure(f"{label}: more than {limit} bytes (limits.max_input_bytes)")
    return data


def _head(data: bytes) -> str:
    return data[:65536].decode("latin-1")


def _printable(name: str) -> str:
    """A file name as text for any output: bytes of the name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD, so writing it cannot fail."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _use_color(choice: str) -> bool:
    if choice == "auto":
        return sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return choice == "always"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        cleaner = Cleaner.from_rules(args.rules)
    except RulesError as error:
        print(f"cleaner: rules: {error}", file=sys.stderr)
        return 2
    if batch.wants_batch(args):
        return batch.run(args, cleaner, parser)
    if args.explain and args.format != "text":
        parser.error("--explain prints a listing of the lines; it takes no --format")
    names = args.files or ["-"]
    docs: list[tuple[str, Document]] = []
    status = 0
    for name in names:
        try:
            limit = cleaner.rules.limits.max_input_bytes
            data = document_bytes(_read(name, limit), limit)
            if args.input != "text" and looks_like_jsonl(data):
                raise InputError(
                    "looks like JSONL (one JSON object per line): give --batch to clean "
                    "each record, or --input text to clean it all as one document"
                )
            doc = cleaner.clean(
                data,
                url=args.url,
                language=args.lang,
                input=args.input,
                backend=args.backend,
                mode=args.mode or "auto",
                encoding=args.encoding,
                page_type=args.page_type,
            )
            if args.input == "text" and looks_like_html(_head(data)):
                label = "<stdin>" if name == "-" else _printable(name)
                body = "an empty body" if not doc.text else "its markup as text"
                print(
                    f"cleaner: {label}: warning: this looks like HTML, and --input text "
                    f"cleaned it as plain text ({body}); give --input html or auto",
                    file=sys.stderr,
                )
            docs.append((_printable(name), doc))
        except (InputFailure, CleanerError) as error:
            label = "<stdin>" if name == "-" else _printable(name)
            message = str(error) if isinstance(error, InputFailure) else f"{label}: {error}"
            print(f"cleaner: {message}", file=sys.stderr)
            status = 1
    out = sys.stdout
    color = _use_color(args.color)
    several = len(names) > 1
    if args.explain:
        for n, (name, doc) in enumerate(docs):
            if several:
                out.write(("\n" if n else "") + f"==> {name} <==\n")
            out.write(explain(doc, color=color) + "\n")
    elif args.format == "json":
        if several:
            records = [
                to_record(doc, source=name, removed=not args.no_removed) for name, doc in docs
            ]
            out.write(render_json(records, indent=2) + "\n")
        elif docs:
            out.write(to_json(docs[0][1], removed=not args.no_removed) + "\n")
    elif args.format == "jsonl":
        for name, doc in docs:
            source = None if name == "-" else name
            out.write(to_jsonl(doc, source=source, removed=not args.no_removed) + "\n")
    else:
        for n, (name, doc) in enumerate(docs):
            if several:
                out.write(("\n" if n else "") + f"==> {name} <==\n")
            body = doc.markdown if args.format == "markdown" else doc.text
            if body:
                out.write(body + "\n")
    out.flush()
    return status


def run() -> None:
    """Console entry point that exits quietly when the reader of a pipe goes away."""
    try:
        sys.exit(main())
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
