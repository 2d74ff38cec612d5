"""The ``credlib`` command.

    credlib score PATH|- [--title T] [--url U] [--format text|json|html] [--include-text] [--online]
    credlib batch IN.jsonl --out OUT.jsonl [--workers N]
    credlib signals [--format text|json|markdown]
    credlib eval headlines|articles|all [--data DIR] [--format text|json] [--plots DIR]
    credlib fixtures [DIR] [--format text|json|html] [--out FILE]

Exit status: 0 on success, 2 on a user mistake (with a one-line message on stderr, never
a traceback), 1 when ``batch`` finished but some lines could not be scored.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .config import Config, ConfigError
from .document import is_blank
from .engine import build_document, score_document, signals
from .lexicon import LexiconError
from .registry import names_briefly

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class UserError(Exception):
    """A mistake in how credlib was called: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage + message
        raise UserError(f"{message} (see '{self.prog} --help')")


# -- input ------------------------------------------------------------------------------


def read_bytes(path: str, what: str = "a file, or - for standard input") -> bytes:
    """The bytes of a file, or a one-line UserError saying why they cannot be read."""
    file = Path(path)
    if file.is_dir():
        raise UserError(f"{path} is a directory; give {what}")
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"no such file: {path}") from None
    except PermissionError:
        raise UserError(f"permission denied: {path}") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_input(path: str) -> tuple[str, str]:
    """(text, name) for a path or '-' (standard input), decoded as UTF-8 or the page's charset."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "standard input"), "standard input"
    return decode(read_bytes(path), path), path


def decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UserError(f"{name} starts with a UTF-16 mark but is not valid UTF-16") from None
        if "\x00" in text[:2048]:
            raise UserError(f"{name} looks like a binary file, not text or HTML")
    elif b"\x00" in data[:4096]:
        raise UserError(f"{name} looks like a binary file, not text or HTML")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _declared_html_charset(data)
            if text is None:
                raise UserError(
                    f"{name} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                    "save it as UTF-8"
                ) from None
    if is_blank(text):
        raise UserError(f"{name} is empty: nothing to score")
    return text


def _declared_html_charset(data: bytes) -> str | None:
    """An HTML page in the charset its own markup declares (e.g. windows-1252), if any."""
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    if not declared:
        return None
    try:
        return data.decode(declared)
    except (LookupError, UnicodeDecodeError):
        return None


def load_config(path: str | None, online: bool = False) -> Config | None:
    """The configuration file's Config (``--config``), with online verification switched
    on by ``--online``; when it is on, its settings from the environment are checked here,
    before any scoring."""
    config = None
    if path is not None:
        if Path(path).is_dir():
            raise UserError(f"{path} is a directory; give a configuration file (.toml)")
        if not Path(path).is_file():
            raise UserError(f"no such config file: {path}")
        config = Config.from_toml(path)
    if online:
        config = dataclasses.replace(config or Config(), online=True)
    if config is not None and config.online:
        from . import wikidata

        try:
            wikidata.timings()
        except ValueError as exc:
            raise UserError(str(exc)) from None
    return config


# -- output -----------------------------------------------------------------------------


def write_output(content: str, out: str | None) -> None:
    if out is None:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    atomic_write(Path(out), content)


def atomic_write(path: Path, content: str) -> None:
    """Write the whole file or nothing: a temporary file renamed into place."""
    if path.is_dir():
        raise UserError(f"{path} is a directory; give a file name for the output")
    if not path.parent.exists():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)  # mkstemp makes the file private; give it the usual permissions
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- commands ---------------------------------------------------------------------------


def cmd_score(args: argparse.Namespace) -> int:
    from .render import to_html, to_text

    config = load_config(args.config, args.online)
    text, name = read_input(args.path)
    doc = build_document(text, title=args.title, url=args.url)
    if doc.empty_page:
        raise UserError(f"{name} has no article text to score (the page's main text is empty)")
    report = score_document(doc, config, include_text=args.include_text)
    if args.format == "json":
        content = report.to_json(indent=2) + "\n"
    elif args.format == "html":
        content = to_html(report, doc.title, doc.body, doc.page_text)
    else:
        colour = args.out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        content = to_text(report, doc.title, doc.body, doc.page_text, colour=colour)
    write_output(content, args.out)
    return EXIT_OK


def cmd_signals(args: argparse.Namespace) -> int:
    catalogue = signals()
    if args.format == "json":
        content = json.dumps(catalogue, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "markdown":
        from .docs import signals_markdown

        content = signals_markdown()
    else:
        lines = []
        for s in catalogue:
            weight = "informational" if s["informational"] else f"weight {s['weight']:g}"
            lines.append(f"{s['id']:<24} {s['title']} ({weight})")
            lines.append(f"{'':<24} {s['description']}")
            if s["entries"]:
                lines.append(f"{'':<24} entries ({s['id']}.<entry> in a configuration): {', '.join(s['entries'])}")
        content = "\n".join(lines) + "\n"
    write_output(content, args.out)
    return EXIT_OK


BATCH_FIELDS = frozenset({"id", "text", "title", "url", "html", "include_text"})


def _score_line(item: tuple[int, str, Config | None]) -> tuple[str, bool]:
    """Score one JSONL line: (output line, failed?).  A bad line gives an error record."""
    number, line, config = item
    record_id: Any = number
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("each line must be a JSON object")
        record_id = data.get("id", number)
        unknown = sorted(set(data) - BATCH_FIELDS)
        if unknown:
            raise ValueError(f"unknown field(s) {names_briefly(unknown)}; known: {', '.join(sorted(BATCH_FIELDS))}")
        if not isinstance(data.get("include_text", False), bool):
            raise ValueError("'include_text' must be true or false")
        text, html = data.get("text"), data.get("html")
        if not (isinstance(text, str) and not is_blank(text)) and not (isinstance(html, str) and not is_blank(html)):
            raise ValueError("'text' (or 'html') must be a non-empty string")
        doc = build_document(text, data.get("title"), data.get("url"), html)
        if doc.empty_page:
            raise ValueError("the page has no article text to score (its main text is empty)")
        report = score_document(doc, config, bool(data.get("include_text")))
        out = {"id": record_id, "report": report.to_dict()}
    except (ValueError, TypeError) as exc:
        message = f"not valid JSON ({exc.msg}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else str(exc)
        out = {"id": record_id, "error": message}
    except RecursionError:
        out = {"id": record_id, "error": "not valid JSON for credlib (nested too deeply)"}
    except Exception as exc:  # noqa: BLE001 - one line must not stop the others; it gets an error record
        out = {"id": record_id, "error": f"could not be scored ({type(exc).__name__})"}
    return json.dumps(out, ensure_ascii=False, separators=(",", ":")), "error" in out


class Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool, unit: str = "articles"):
        self.total, self.enabled, self.done, self.errors = total, enabled, 0, 0
        self.unit = unit
        self.started = time.monotonic()
        self._last = 0.0

    def step(self, error: bool) -> None:
        self.done += 1
        self.errors += error
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            rate = self.done / max(now - self.started, 1e-9)
            width = 28
            filled = int(width * self.done / max(self.total, 1))
            bar = "█" * filled + "░" * (width - filled)
            errors = f" · {self.errors} errors" if self.errors else ""
            sys.stderr.write(f"\r{bar} {self.done}/{self.total} {self.unit} · {rate:.0f}/s{errors}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def cmd_batch(args: argparse.Namespace) -> int:
    config = load_config(args.config)  # a bad id or user lexicon stops the run here (exit 2), not on every line
    out_path = Path(args.out)
    if out_path.is_dir():  # known before any scoring, not after it
        raise UserError(f"{out_path} is a directory; give a file name for the output")
    if not out_path.parent.exists():
        raise UserError(f"cannot write {out_path}: folder {out_path.parent} does not exist")
    raw = read_bytes(args.input, "a .jsonl file")
    try:
        # Lines end at \n only: JSON text may hold U+2028 or U+0085 unescaped, which
        # str.splitlines() would also split at.
        lines = [line.removesuffix("\r") for line in raw.decode("utf-8-sig").split("\n")]
    except UnicodeDecodeError as exc:
        raise UserError(f"{args.input} is not valid UTF-8 (offset {exc.start})") from None
    items = [(n, line, config) for n, line in enumerate(lines, start=1) if line.strip()]
    if not items:
        raise UserError(f"{args.input} has no lines to score")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    progress = Progress(len(items), sys.stderr.isatty())
    results: list[str] = []
    if args.workers == 1 or len(items) == 1:
        scored = map(_score_line, items)
    else:
        import multiprocessing

        pool = multiprocessing.get_context("fork").Pool(min(args.workers, len(items)))
        scored = pool.imap(_score_line, items, chunksize=4)  # ordered: output line n is input line n
    try:
        for line, failed in scored:
            results.append(line)
            progress.step(failed)
    finally:
        if args.workers > 1 and len(items) > 1:
            pool.terminate()
    progress.close()
    atomic_write(out_path, "\n".join(results) + "\n")
    errors = progress.errors
    if errors:
        print(f"credlib: {errors} of {len(items)} lines could not be scored; see their \"error\" field in {out_path}",
              file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .datasets import DataError, default_data_dir
    from .evaluation import evaluate_articles, evaluate_headlines, text_report

    data = Path(args.data) if args.data else default_data_dir()
    plots = Path(args.plots) if args.plots else None
    if plots is not None:
        from .plots import PlotError, check_plotting

        try:
            check_plotting(plots)
        except PlotError as exc:
            raise UserError(str(exc)) from None
    tracker = _StageProgress(sys.stderr.isatty())
    results: dict[str, Any] = {}
    try:
        if args.what in ("headlines", "all"):
            results["headlines"] = evaluate_headlines(data, tracker)
        if args.what in ("articles", "all"):
            results["articles"] = evaluate_articles(data, tracker)
    except DataError as exc:
        raise UserError(str(exc)) from None
    finally:
        tracker.close()
    if plots is not None:
        from .plots import write_plots

        written = write_plots(results, plots)
        print(f"credlib: wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    if args.format == "json":
        chosen = results if args.what == "all" else results[args.what]
        content = json.dumps(chosen, ensure_ascii=False, indent=2) + "\n"
    else:
        content = text_report(results)
    write_output(content, args.out)
    return EXIT_OK


class _StageProgress:
    """One progress bar per stage of an evaluation (headlines, articles, folds)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.stage: str | None = None
        self.bar: Progress | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.bar = stage, Progress(total, self.enabled, stage)
        assert self.bar is not None
        while self.bar.done < done:
            self.bar.step(False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.stage, self.bar = None, None


def cmd_fixtures(args: argparse.Namespace) -> int:
    from . import fixtures

    try:
        result = fixtures.run_corpus(args.directory)
    except fixtures.FixtureError as exc:
        raise UserError(str(exc)) from None
    render = {"json": fixtures.to_json, "html": fixtures.to_html, "text": fixtures.to_text}[args.format]
    write_output(render(result), args.out)
    return EXIT_OK


def build_parser() -> _Parser:
    parser = _Parser(prog="credlib", description="Explained credibility signals for news articles.")
    parser.add_argument("--version", action="version", version=f"credlib {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("score", help="score one article (plain text or HTML)")
    p.add_argument("path", metavar="PATH", help="a text or HTML file, or - for standard input")
    p.add_argument("--title", help="the headline (then PATH is the body, unchanged)")
    p.add_argument("--url", help="the article's address (tells outbound links from internal ones)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--include-text", action="store_true", help="add the analysed body to the JSON report")
    p.add_argument("--config", metavar="FILE", help="a TOML configuration file")
    p.add_argument("--online", action="store_true",
                   help="also look up named authorities on Wikidata (off by default; answers cached on disk)")
    p.add_argument("--out", "-o", metavar="FILE", help="write the report to FILE instead of standard output")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("batch", help="score every line of a JSONL file")
    p.add_argument("input", metavar="IN.jsonl", help='one JSON object per line: {"id", "text", "title", "url", "html", "include_text"}')
    p.add_argument("--out", "-o", metavar="OUT.jsonl", required=True, help="where to write one report per line")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes to use (default: one per core)")
    p.add_argument("--config", metavar="FILE", help="a TOML configuration file")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("signals", help="list the signals and their lexicon entries")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_signals)

    p = sub.add_parser("eval", help="reproduce the clickbait model's and the score's figures on labelled data")
    p.add_argument("what", choices=("headlines", "articles", "all"), metavar="headlines|articles|all")
    p.add_argument("--data", metavar="DIR", help="the data folder (default: ../shared/data)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--plots", metavar="DIR", help="write ROC and reliability charts (PNG) to DIR (needs matplotlib)")
    p.add_argument("--out", "-o", metavar="FILE", help="write the figures to FILE instead of standard output")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("fixtures", help="run the teaching corpus: each signal against the gold annotations")
    p.add_argument("directory", metavar="DIR", nargs="?", help="a folder with articles/ and annotations/ (default: the bundled fixtures)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_fixtures)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # name the command whose help lists its options
            where = f"credlib {args.command}" if getattr(args, "command", None) else "credlib"
            raise UserError(f"unrecognized arguments: {' '.join(unknown)} (see '{where} --help')")
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        return args.func(args)
    except (UserError, ConfigError, LexiconError) as exc:
        print(f"credlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `credlib score … | head`); not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("credlib: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
