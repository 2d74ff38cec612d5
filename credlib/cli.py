"""The ``credlib`` command.

    credlib score PATH|- [--title T] [--url U] [--format text|json|html] [--include-text] [--online]
    credlib batch IN.jsonl --out OUT.jsonl [--workers N]
    credlib signals [--format text|json|markdown]
    credlib eval headlines|articles|all [--data DIR] [--format text|json] [--plots DIR]
    credlib fixtures [DIR] [--format text|json|html] [--out FILE]

Exit status: 0 on success, 2 on a user mistake (with a one-line message on stderr, never
a traceback) -- including output that cannot be written, to ``--out`` or to standard
output --, 1 when ``batch`` finished but some lines could not be scored.  A reader that
goes away early (``credlib score a.txt | head -c1``) ends the command quietly, status 0.
Output is always UTF-8; JSON output writes an unpaired surrogate as its ``\\udXXX``
escape, text and HTML output as U+FFFD.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from . import __version__, textfile
from .config import Config, ConfigError
from .document import is_blank
from .engine import build_document, score_document, signals
from .extract import PageTooComplex
from .lexicon import LexiconError
from .registry import names_briefly
from .report import LONE_SURROGATE, json_text

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
        return decode(read_stdin(), "standard input"), "standard input"
    return decode(read_bytes(path), path), path


def read_stdin() -> bytes:
    """All of standard input, or a one-line UserError."""
    if sys.stdin is None:
        raise UserError("standard input is closed; give a file")
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise UserError(f"cannot read standard input: {exc.strerror or exc}") from None


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes (see :func:`credlib.textfile.decode`), or a UserError."""
    try:
        return textfile.decode(data, name)
    except textfile.UnreadableText as exc:
        raise UserError(str(exc)) from None


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

def _utf8(content: str) -> bytes:
    """The UTF-8 bytes of text output.  JSON output has its surrogates escaped already
    (report.json_text); any left in text or HTML (which have no escape for them)
    become U+FFFD, the replacement character, as a browser shows them."""
    try:
        return content.encode("utf-8")
    except UnicodeEncodeError:
        return LONE_SURROGATE.sub("\ufffd", content).encode("utf-8")


def check_output(out: str | None) -> None:
    """Fail now, before any long work, when the output could not be written: a one-line
    UserError.  Writing may still fail later (a full disk); write_output says so too."""
    if out is None:
        if sys.stdout is None:
            raise UserError("cannot write to standard output: it is closed (give --out FILE)")
        return
    if not out:
        raise UserError("--out needs a file name")
    if out.endswith(("/", os.sep)):  # Path() would drop the slash and write a file of that name
        raise UserError(f"{out} ends with '{out[-1]}': give a file name for the output, not a folder")
    _output_target(Path(out), probe=True)


def _output_target(path: Path, probe: bool = False) -> Path:
    """The file an output path stands for: the path itself, or where its symbolic link
    leads.  UserError if it cannot be written: a folder, a missing or non-folder parent,
    no permission; with ``probe``, a regular file's folder is tried with a temporary file."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_symlink():  # realpath gives up on a loop
        raise UserError(f"cannot write {path}: its symbolic links go round in a loop")
    if target.is_dir():
        raise UserError(f"{path} is a directory; give a file name for the output")
    parent = target.parent
    if not parent.exists():
        raise UserError(f"cannot write {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise UserError(f"cannot write {path}: {parent} is not a folder")
    if target.exists() and not target.is_file():  # a device or a FIFO: written directly
        if not os.access(target, os.W_OK):
            raise UserError(f"cannot write {path}: permission denied")
        return target
    if probe:
        try:
            fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None
        os.close(fd)
        os.unlink(tmp)
    return target


def write_output(content: str, out: str | None) -> None:
    """The output, as UTF-8, to the file ``out`` (atomic_write) or standard output.  A
    failure is a one-line UserError, except a reader that went away (BrokenPipeError),
    which main() ends quietly."""
    data = _utf8(content)
    if out is not None:
        atomic_write(Path(out), data)
        return
    if sys.stdout is None:
        raise UserError("cannot write to standard output: it is closed (give --out FILE)")
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # replaced by a text-only stream (a test's StringIO)
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _drop_stdout()
        raise UserError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _drop_stdout() -> None:
    """Point file descriptor 1 at the null device, so that the bytes Python still holds
    for standard output are not written (and fail again, with a traceback) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def atomic_write(path: Path, content: bytes | str) -> None:
    """Write the whole file or nothing: a temporary file renamed into place.

    A symbolic link is followed and its target replaced (the link stays a link); a path
    that is not a regular file (a FIFO, a device) is written directly, never replaced.
    A replaced file keeps its permissions; a new one gets the usual ones (umask).
    Failures are one-line UserErrors."""
    data = _utf8(content) if isinstance(content, str) else content
    target = _output_target(path)
    try:
        if target.exists() and not target.is_file():
            with open(target, "wb") as handle:
                handle.write(data)
            return
        try:
            mode = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)  # mkstemp makes the file private; give it the usual permissions
            os.umask(umask)
            mode = 0o666 & ~umask
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


# -- commands ---------------------------------------------------------------------------


def cmd_score(args: argparse.Namespace) -> int:
    from .render import to_html, to_text

    config = load_config(args.config, args.online)
    check_output(args.out)
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
        colour = args.out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ  # stdout: not None (check_output)
        content = to_text(report, doc.title, doc.body, doc.page_text, colour=colour)
    write_output(content, args.out)
    return EXIT_OK


def cmd_signals(args: argparse.Namespace) -> int:
    check_output(args.out)
    catalogue = signals()
    if args.format == "json":
        content = json_text(catalogue, indent=2) + "\n"
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


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"not valid JSON ({name} is not a JSON value)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: JSON allows it, but no JSON can carry it back out
        raise ValueError(f"not valid JSON for credlib (the number {text[:20]} is too large)")
    return value


def _double_sized_int(text: str) -> int:
    """An integer no larger than a double holds (others are refused, as 1e400 is)."""
    if len(text.lstrip("-")) > 308:
        raise ValueError(f"not valid JSON for credlib (the number {text[:20]}… is too large)")
    return int(text)


def _score_line(item: tuple[int, str | bytes, Config | None]) -> tuple[str, bool]:
    """Score one JSONL line: (output line, failed?).  A bad line gives an error record.

    ``line`` is the line's text, or its bytes when they are not valid UTF-8."""
    number, line, config = item
    record_id: Any = number
    try:
        if isinstance(line, bytes):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValueError(f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at offset {exc.start} in the line)") from None
        # NaN, Infinity and 1e400 are refused: the id is echoed, and output must be JSON.
        data = json.loads(line, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_double_sized_int)
        if not isinstance(data, dict):
            raise ValueError("each line must be a JSON object")
        if data.get("id") is not None:  # no id, or null: the line number
            record_id = data["id"]
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
    return json_text(out), "error" in out


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


def _leave_interrupts() -> None:
    """In a batch worker: Ctrl-C (SIGINT to the whole process group) is for the parent,
    which stops the run and says so in one line; the workers do not print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def cmd_batch(args: argparse.Namespace) -> int:
    config = load_config(args.config)  # a bad id or user lexicon stops the run here (exit 2), not on every line
    out_name = "standard output" if args.out is None else args.out
    in_name = "standard input" if args.input == "-" else args.input
    check_output(args.out)  # known before any scoring, not after it
    raw = read_stdin() if args.input == "-" else read_bytes(args.input, "a .jsonl file, or - for standard input")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(f"{in_name} is UTF-16; save it as UTF-8")
    # Lines end at \n only: JSON text may hold U+2028 or U+0085 unescaped, which
    # str.splitlines() would also split at.  Each line is decoded on its own, so a bad
    # byte spoils its line (an error record), not the file.
    lines: list[str | bytes] = []
    for line in raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        line = line.removesuffix(b"\r")
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line)  # _score_line says what is wrong with it
    items = [(n, line, config) for n, line in enumerate(lines, start=1) if isinstance(line, bytes) or line.strip()]
    if not items:
        raise UserError(f"{args.input} has no lines to score")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    progress = Progress(len(items), sys.stderr.isatty())
    results: list[str] = []
    pool = None
    broken: tuple[type[BaseException], ...] = ()  # what says that the pool lost a worker
    lost = finished = False
    if args.workers > 1 and len(items) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # A pool whose map fails (BrokenProcessPool) when a worker dies, where
        # multiprocessing.Pool would wait for ever; workers leave Ctrl-C to this process.
        broken = (BrokenProcessPool,)
        pool = ProcessPoolExecutor(min(args.workers, len(items)), mp_context=multiprocessing.get_context("fork"),
                                   initializer=_leave_interrupts)
    try:
        # ordered: output line n is input line n (the pool's map submits every line at once,
        # so it can fail too)
        scored = pool.map(_score_line, items, chunksize=4) if pool is not None else map(_score_line, items)
        for line, failed in scored:
            results.append(line)
            progress.step(failed)
        finished = True
    except broken:
        lost = True
        raise UserError(f"a worker process stopped (killed, or out of memory); nothing was written to "
                        f"{out_name}") from None
    finally:
        if pool is not None:
            # After a lost worker the pool fails the lines still waiting and stops the other
            # workers itself; cancelling those lines as well races with that (Python 3.11's
            # pool thread then fails and leaves a worker that the exit waits for).  After a
            # finished run the idle workers are waited for: a pool still shutting down when
            # the interpreter exits can print a traceback (its thread writes to a closed pipe).
            pool.shutdown(wait=finished, cancel_futures=not (lost or finished))
    progress.close()
    write_output("\n".join(results) + "\n", args.out)
    errors = progress.errors
    if errors:
        print(f"credlib: {errors} of {len(items)} lines could not be scored; see their \"error\" field in {out_name}",
              file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from .datasets import DataError, default_data_dir
    from .evaluation import evaluate_articles, evaluate_headlines, text_report

    data = Path(args.data) if args.data else default_data_dir()
    plots = Path(args.plots) if args.plots else None
    check_output(args.out)  # before the work, which takes a while
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
        from .plots import PlotError, write_plots

        try:
            written = write_plots(results, plots)
        except PlotError as exc:
            raise UserError(str(exc)) from None
        print(f"credlib: wrote {', '.join(str(p) for p in written)}", file=sys.stderr)
    if args.format == "json":
        chosen = results if args.what == "all" else results[args.what]
        content = json_text(chosen, indent=2) + "\n"
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

    check_output(args.out)  # before the work
    try:
        result = fixtures.run_corpus(args.directory)
    except fixtures.FixtureError as exc:
        raise UserError(str(exc)) from None
    render = {"json": fixtures.to_json, "html": fixtures.to_html, "text": fixtures.to_text}[args.format]
    write_output(render(result), args.out)
    return EXIT_OK


def check_text_options(args: argparse.Namespace) -> None:
    """--title and --url become text in the report, so they must be text: an argument
    that is not valid UTF-8 (Python keeps its bad bytes as surrogates) is a UserError,
    as an input file that is not UTF-8 is.  File names may be any bytes."""
    for option in ("title", "url"):
        value = getattr(args, option, None)
        if not isinstance(value, str) or not LONE_SURROGATE.search(value):
            continue
        try:
            raw = os.fsencode(value)  # the bytes as given on the command line
            raw.decode("utf-8")
        except UnicodeEncodeError:  # not from the command line: main([...]) with a bad str
            raise UserError(f"--{option} is not valid Unicode text (it holds an unpaired surrogate)") from None
        except UnicodeDecodeError as exc:
            raise UserError(f"--{option} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
                            "give it as UTF-8") from None
        raise UserError(f"--{option} is not valid Unicode text (it holds an unpaired surrogate)")


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
    p.add_argument("input", metavar="IN.jsonl", help='one JSON object per line: {"id", "text", "title", "url", "html", '
                   '"include_text"}, or - for standard input')
    p.add_argument("--out", "-o", metavar="OUT.jsonl", required=True,
                   help="where to write one report per line (- for standard output)")
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
        if getattr(args, "out", None) == "-":  # the usual name for standard output (./- is a file)
            args.out = None
        if unknown:  # name the command whose help lists its options
            where = f"credlib {args.command}" if getattr(args, "command", None) else "credlib"
            raise UserError(f"unrecognized arguments: {' '.join(unknown)} (see '{where} --help')")
        if not getattr(args, "command", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        check_text_options(args)
        return args.func(args)
    except (UserError, ConfigError, LexiconError, PageTooComplex) as exc:
        print(f"credlib: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (e.g. `credlib score … | head`); not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        if exc.filename is None:
            raise
        # a path the checks above could not even look at: a name too long, a folder on
        # the way that may not be entered
        print(f"credlib: error: {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("credlib: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
