"""Lexicons: the words and patterns behind the signals, as TOML data.

One file per signal under ``credlib/lexicons/<lang>/``, named after the signal id
(``sourcing.anonymous`` -> ``sourcing_anonymous.toml``).  Each ``[[entry]]`` carries:

``id``          short id, unique in its file; the dotted id is ``<signal>.<id>``
``message``     what a finding says ("Unnamed source")
``note``        why it matters, in plain words: shown to readers as the explanation
``weight``      how much one finding adds to the signal's concern
``severity``    ``info`` | ``warning`` | ``severe``
``source``      where the rule comes from, if anywhere
``patterns``    regular expressions matched on lower-cased text, or
``rule``        the name of a rule implemented in code (e.g. ``all_caps``)
``exceptions``  patterns that cancel a match they overlap ("insider trading")
``extend``      ``"phrase"``: stretch the finding over the noun phrase that follows
``case``        ``"sensitive"`` to match the original text instead of lower case
``examples``    ``flag`` (texts that must produce this entry) and ``pass`` (must not);
                in a title lexicon, an example may give the article's body after a
                blank line (``"Headline\n\nBody"``)

Pattern syntax: Python regular expressions without capturing groups.  A space matches
any run of whitespace (line breaks included) and ``'`` matches ``'`` or ``’``; every
pattern is matched as whole words.  All patterns of a lexicon are compiled once into a
single alternation (one named group per entry), so a lexicon costs one scan of the text.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Iterable, Iterator, NamedTuple, Sequence

from .prefilter import FREQUENT, WordIndex, leading_words, starts_at_line_start, words_of
from .report import SEVERITIES

LEXICON_DIR = Path(__file__).parent / "lexicons"
EXTEND_KINDS = ("phrase",)
_ENTRY_KEYS = {"id", "message", "note", "weight", "severity", "source", "patterns", "rule",
               "exceptions", "extend", "case", "examples"}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


# A weight this large already makes one finding decide the score; larger ones (or
# infinity, or NaN) only break the arithmetic.  (Entry weights here, and a
# configuration's weights: config.py.)
MAX_WEIGHT = 100.0


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Entry:
    signal: str
    id: str
    message: str
    note: str
    weight: float
    severity: str
    source: str | None
    patterns: tuple[str, ...]
    rule: str | None
    exceptions: tuple[str, ...]
    extend: str | None
    case_sensitive: bool
    flag_examples: tuple[str, ...]
    pass_examples: tuple[str, ...]
    origin: str

    @property
    def full_id(self) -> str:
        return f"{self.signal}.{self.id}"


class Match(NamedTuple):
    """A lexicon entry matched at ``[start, end)`` (a tuple: articles have hundreds)."""

    entry: Entry
    start: int
    end: int


# Match((entry, start, end)) without NamedTuple's generated __new__ (a Python frame per
# match; a lexicon finds hundreds in an article).
new_match = partial(tuple.__new__, Match)


def _match_order(m: Match) -> tuple[int, int, str]:
    return (m.start, m.end, m.entry.id)


def to_regex(pattern: str) -> str:
    """Lexicon pattern syntax -> Python regex: spaces match whitespace runs, ' matches ’."""
    out: list[str] = []
    in_class = False
    escaped = False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append("'’" if char == "'" else char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char == " ":
            out.append(r"\s+")
        elif char == "'":
            out.append("['’]")
        else:
            out.append(char)
    return "".join(out)


def _compile_one(pattern: str, where: str) -> str:
    regex = to_regex(pattern)
    try:
        compiled = re.compile(regex)
    except re.error as exc:
        raise LexiconError(f"{where}: pattern {pattern!r} is not a valid regular expression ({exc})") from None
    if compiled.groups:
        raise LexiconError(f"{where}: pattern {pattern!r} has a capturing group; use (?:...)")
    if compiled.match(""):
        raise LexiconError(f"{where}: pattern {pattern!r} matches the empty string")
    try:  # it is matched as one alternative among others: a global flag such as (?i) cannot be
        re.compile(_wrap([regex]))
    except re.error as exc:
        raise LexiconError(
            f"{where}: pattern {pattern!r} cannot be combined with other patterns ({exc}); "
            "use a scoped flag such as (?i:...)"
        ) from None
    return regex


def _wrap(alternatives: Iterable[str]) -> str:
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


class Lexicon:
    """The entries of one signal, with their patterns compiled into one alternation."""

    def __init__(self, signal: str, field: str, entries: tuple[Entry, ...], tables: dict[str, Any]):
        self.signal = signal
        self.field = field
        self.entries = entries
        self.tables = tables  # other top-level tables (e.g. [markers]) for the signal's code
        self._by_id = {e.id: e for e in entries}

    def entry(self, entry_id: str) -> Entry:
        return self._by_id[entry_id]

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def extended(self, extra: tuple[Entry, ...]) -> "Lexicon":
        for e in extra:
            if e.id in self._by_id:
                raise LexiconError(f"{e.origin}: entry id {e.id!r} already exists in {self.signal}")
        return Lexicon(self.signal, self.field, self.entries + extra, self.tables)

    @lru_cache(maxsize=64)
    def _compiled(self, disabled: frozenset[str]) -> "_Compiled":
        return _Compiled(self.entries, disabled)

    def find(
        self,
        text: str,
        lower: str,
        disabled: frozenset[str] = frozenset(),
        index: WordIndex | None = None,
        start: int = 0,
        end: int | None = None,
        within: Sequence[tuple[int, int]] | None = None,
    ) -> list[Match]:
        """All matches of the pattern entries in ``text[start:end]`` (and, with ``within``,
        only those starting inside one of those sorted, disjoint spans).

        ``lower`` is the lower case of ``text`` (same length); ``index`` its word index,
        if the caller has one (a Document keeps one per field, shared by all lexicons).
        Matches are leftmost and non-overlapping, and where several entries match at one
        position the earlier entry wins, as one scan with the whole alternation would
        give.  A match that an exception of its entry overlaps is dropped.
        """
        compiled = self._compiled(disabled)
        end = len(text) if end is None else end
        index = index if index is not None else WordIndex(lower)
        candidates = compiled.patterns.candidates(text, lower, index, start, end, within)
        candidates.sort()
        exceptions = None
        found: list[Match] = []
        reached = {False: -1, True: -1}
        for case_sensitive, pos, _, match_end, name in candidates:
            if pos < reached[case_sensitive]:
                continue  # inside an earlier match
            reached[case_sensitive] = match_end
            entry = compiled.names[name]
            if entry.exceptions:
                if exceptions is None:  # found once, only when needed (for the entries with a candidate)
                    exceptions = compiled.exception_spans(text, lower, index, start, end, candidates)
                if any(s < match_end and pos < e for s, e in exceptions.get(name, ())):
                    continue
            if entry.extend == "phrase":
                match_end = extend_phrase(text, match_end)
            found.append(new_match((entry, pos, match_end)))
        found.sort(key=_match_order)
        return found


NARROW_SPAN = 2000  # characters: below this, a span's own words are listed rather than the index's


class _Patterns:
    """Named groups of patterns, indexed by first word (see prefilter.py).

    ``groups`` are (name, order, case_sensitive, regexes), in priority order.
    """

    def __init__(self, groups: list[tuple[str, int, bool, list[str]]]):
        self.order = {name: order for name, order, _, _ in groups}
        # first word -> {case_sensitive: {group name: [regexes]}}
        self._by_word: dict[str, dict[bool, dict[str, list[str]]]] = {}
        # case_sensitive -> the unlisted patterns, by group
        residual: dict[bool, list[str]] = {}
        anchored: dict[bool, bool] = {}  # case_sensitive -> every unlisted pattern starts at a line start
        seconds: dict[str, set[str] | None] = {}
        for name, _, case_sensitive, regexes in groups:
            unlisted = []
            for regex in regexes:
                leads = leading_words(regex, 2)
                if leads is None:
                    unlisted.append(regex)
                    anchored[case_sensitive] = anchored.get(case_sensitive, True) and starts_at_line_start(regex)
                    continue
                for lead in leads:
                    word = lead[0].lower()
                    by_name = self._by_word.setdefault(word, {}).setdefault(case_sensitive, {})
                    if regex not in by_name.setdefault(name, []):
                        by_name[name].append(regex)
                    if word in FREQUENT and len(lead) > 1 and seconds.get(word, set()) is not None:
                        seconds.setdefault(word, set()).add(lead[1].lower())
                    elif word in FREQUENT:
                        seconds[word] = None  # some pattern takes any word after it
            if unlisted:
                residual.setdefault(case_sensitive, []).append(f"(?P<{name}>" + "|".join(unlisted) + ")")
        self.first_words = frozenset(self._by_word)
        # For frequent first words ("the", "a"): the second words the patterns allow.
        self.second_words = {w: frozenset(s) for w, s in seconds.items() if s is not None}
        # Patterns whose first word cannot be listed are matched the ordinary way, or, when
        # all of them start with LINE_START ("By …", a dateline), at the starts of lines only.
        self.residual = [(case, anchored[case], re.compile(_wrap(alts))) for case, alts in sorted(residual.items())]
        self._anchored: dict[tuple[str, bool], re.Pattern[str] | None] = {}
        self._both: dict[str, list[tuple[bool, re.Pattern[str]]]] = {}

    def anchored(self, word: str, case_sensitive: bool) -> re.Pattern[str] | None:
        """The patterns that can start with ``word``, to match at a position (compiled once)."""
        key = (word, case_sensitive)
        if key not in self._anchored:
            groups = self._by_word.get(word, {}).get(case_sensitive)
            if not groups:
                self._anchored[key] = None
            else:
                ordered = sorted(groups.items(), key=lambda item: self.order[item[0]])
                alternation = "|".join(f"(?P<{name}>" + "|".join(regexes) + ")" for name, regexes in ordered)
                self._anchored[key] = re.compile(f"(?:{alternation})(?!\\w)")
        return self._anchored[key]

    def anchored_both(self, word: str) -> list[tuple[bool, re.Pattern[str]]]:
        """The anchored patterns for ``word``, lower case first then case-sensitive (cached)."""
        found = self._both.get(word)
        if found is None:
            found = self._both[word] = [
                (case, regex) for case in (False, True) if (regex := self.anchored(word, case)) is not None
            ]
        return found

    def candidates(
        self, text: str, lower: str, index: WordIndex, start: int, end: int,
        within: Sequence[tuple[int, int]] | None = None,
    ) -> list[tuple[bool, int, int, int, str]]:
        """Every (case_sensitive, start, order, end, name) match starting in ``[start, end)``
        (or, with ``within``, in one of those sorted, disjoint spans), overlapping ones
        included.  The index's positions are filtered by span before any pattern is tried."""
        spans = list(within) if within is not None else [(start, end)]
        whole = within is None and start == 0 and end == len(text)
        if within is None and not whole and end - start <= NARROW_SPAN:
            # a sentence or a zone: its own words are fewer than the lexicon's first words
            words = self.first_words.intersection(words_of(lower, start, end))
        else:
            words = self.first_words & index.words
        starts = [s for s, _ in spans]
        out: list[tuple[bool, int, int, int, str]] = []
        order, append = self.order, out.append
        for word in words:
            second = self.second_words.get(word)
            places = index.positions(word) if second is None else index.followed_by(word, second)
            # (the end of a span, the places inside it): the whole text is one span, its
            # places taken as they are
            if whole:
                inside = [(end, places)]
            else:
                by_span: dict[int, list[int]] = {}
                for pos in places:
                    i = bisect_right(starts, pos) - 1
                    if i >= 0 and pos < spans[i][1]:
                        by_span.setdefault(spans[i][1], []).append(pos)
                if not by_span:
                    continue
                inside = by_span.items()
            for case_sensitive, regex in self.anchored_both(word):
                match = regex.match
                haystack = text if case_sensitive else lower
                for limit, positions in inside:
                    for pos in positions:
                        m = match(haystack, pos, limit)
                        if m:
                            name = m.lastgroup
                            append((case_sensitive, pos, order[name], m.end(), name))
        for case_sensitive, line_start, regex in self.residual:
            haystack = text if case_sensitive else lower
            for s, e in spans:
                if line_start:
                    found = (regex.match(haystack, pos, e) for pos in _line_starts(text, s, e))
                else:
                    found = regex.finditer(haystack, s, e)
                for m in found:
                    if m is not None:
                        append((case_sensitive, m.start(), order[m.lastgroup], m.end(), m.lastgroup))
        return out


def _line_starts(text: str, start: int, end: int) -> Iterator[int]:
    """The positions in ``[start, end)`` where a line begins."""
    if start == 0 or text[start - 1] == "\n":
        pos = start
    else:
        newline = text.find("\n", start, end)
        pos = newline + 1 if newline >= 0 else end
    while pos < end:
        yield pos
        newline = text.find("\n", pos, end)
        if newline < 0:
            return
        pos = newline + 1


class _Compiled:
    """A lexicon's enabled entries: their patterns and their exceptions, indexed."""

    def __init__(self, entries: tuple[Entry, ...], disabled: frozenset[str]):
        self.names: dict[str, Entry] = {}
        groups = []
        # Each entry's exceptions on their own: they are looked for only near that entry's
        # matches, and one entry's costly exception (a capitalised name, which the word
        # index cannot key) is not run near every other entry's.
        self._exceptions: dict[str, _Patterns] = {}
        for order, entry in enumerate(entries):
            if not entry.patterns or entry.full_id in disabled:
                continue
            name = f"e{order}"
            self.names[name] = entry
            regexes = sorted((to_regex(p) for p in entry.patterns), key=len, reverse=True)
            groups.append((name, order, entry.case_sensitive, regexes))
            if entry.exceptions:
                self._exceptions[name] = _Patterns([(name, order, entry.case_sensitive, [to_regex(x) for x in entry.exceptions])])
        self.patterns = _Patterns(groups)

    def exception_spans(
        self, text: str, lower: str, index: WordIndex, start: int, end: int, candidates: list[tuple[bool, int, int, int, str]]
    ) -> dict[str, list[tuple[int, int]]]:
        """Where the exceptions of the entries among the ``candidates`` match in the text
        searched (and a little around it), overlapping matches included.  Each entry's
        exceptions are looked for on their own, and only when the entry has a candidate:
        one entry's costly exception (a capitalised name, which the word index cannot key)
        is not run for every other entry's matches."""
        window = (max(0, start - 80), min(len(text), end + 80))
        spans: dict[str, list[tuple[int, int]]] = {}
        for name in {name for *_, name in candidates if name in self._exceptions}:
            found = self._exceptions[name].candidates(text, lower, index, *window)
            if found:
                spans[name] = [(pos, match_end) for _, pos, _, match_end, _ in found]
        return spans


# -- noun-phrase extension ---------------------------------------------------------------

_PHRASE_WORD = re.compile(r"[ \t]+([^\W_][\w’'&-]*(?:\.[^\W_][\w’'&-]*)*)")
_PHRASE_STOP = frozenset(
    """said say says told tell tells who whom which that have has had is are was were will
    would could should can may might believe believes believed claim claims claimed insist
    insists insisted added add adds suggested suggest suggests indicated indicate indicates
    warned warn warns confirmed confirm confirms revealed reveal reveals according and or but
    because when while since as on at if after before speaking spoke described describe
    reported report reports expect expects expected fear fears feared think thinks thought
    noted note notes argued argue argues acknowledged admitted stressed explained explain
    do does did not also""".split()
)
MAX_PHRASE_WORDS = 6


_DETERMINERS = frozenset("the a an this that these those his her their its our your my both several".split())
_TRAILING = _DETERMINERS | frozenset("of to in for with at on and or".split())


def extend_phrase(text: str, end: int) -> int:
    """Stretch a match over the noun phrase that follows it on the same line.

    "sources close to" + " the Japanese government said" -> "sources close to the
    Japanese government": words are taken until punctuation, a line break, a verb of
    saying or a word that starts a clause, at most ``MAX_PHRASE_WORDS`` of them.  A
    lower-case "-ed" word ends the phrase unless it follows a determiner ("the embattled
    minister"); dangling "the", "of" … are given back.
    """
    pos = end
    taken: list[tuple[str, int]] = []  # (lower-case word, end offset)
    for _ in range(MAX_PHRASE_WORDS):
        m = _PHRASE_WORD.match(text, pos)
        if not m:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _PHRASE_STOP:
            break
        if word.islower() and lower.endswith("ed") and len(lower) > 3 and (not taken or taken[-1][0] not in _DETERMINERS):
            break  # a verb: "people familiar with the matter agreed"
        pos = m.end(1)
        if "." in word and text.startswith(".", pos):
            pos += 1  # the closing dot of an abbreviation: "U.S."
        taken.append((lower, pos))
    while taken and taken[-1][0] in _TRAILING:
        taken.pop()
    return taken[-1][1] if taken else end


# -- loading -----------------------------------------------------------------------------


def _entry(signal: str, raw: dict[str, Any], where: str) -> Entry:
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "message", "note"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise LexiconError(f"{where}: {key!r} must be a non-empty string")
    entry_id = raw["id"]
    if not _ID.match(entry_id):
        raise LexiconError(f"{where}: id {entry_id!r} must be lower-case words joined by hyphens")
    where = f"{where} ({entry_id})"
    patterns = raw.get("patterns", [])
    rule = raw.get("rule")
    if bool(patterns) == bool(rule):
        raise LexiconError(f"{where}: give either 'patterns' or 'rule'")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise LexiconError(f"{where}: 'patterns' must be a list of strings")
    for pattern in patterns:
        _compile_one(pattern, where)
    exceptions = raw.get("exceptions", [])
    for pattern in exceptions:
        _compile_one(pattern, where)
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= MAX_WEIGHT:
        raise LexiconError(f"{where}: 'weight' must be a number from 0 to {MAX_WEIGHT:g}")
    severity = raw.get("severity", "warning")
    if severity not in SEVERITIES:
        raise LexiconError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}")
    extend = raw.get("extend")
    if extend is not None and extend not in EXTEND_KINDS:
        raise LexiconError(f"{where}: 'extend' must be one of {', '.join(EXTEND_KINDS)}")
    case = raw.get("case", "insensitive")
    if case not in ("insensitive", "sensitive"):
        raise LexiconError(f"{where}: 'case' must be 'insensitive' or 'sensitive'")
    examples = raw.get("examples", {})
    if not isinstance(examples, dict) or set(examples) - {"flag", "pass"}:
        raise LexiconError(f"{where}: 'examples' takes only 'flag' and 'pass' lists")
    return Entry(
        signal=signal,
        id=entry_id,
        message=raw["message"].strip(),
        note=" ".join(raw["note"].split()),
        weight=float(weight),
        severity=severity,
        source=raw.get("source"),
        patterns=tuple(patterns),
        rule=rule,
        exceptions=tuple(exceptions),
        extend=extend,
        case_sensitive=case == "sensitive",
        flag_examples=tuple(examples.get("flag", ())),
        pass_examples=tuple(examples.get("pass", ())),
        origin=where,
    )


def parse_lexicon(data: dict[str, Any], origin: str, expected_signal: str | None = None) -> Lexicon:
    signal = data.get("signal")
    if not isinstance(signal, str):
        raise LexiconError(f"{origin}: missing 'signal' (the dotted signal id the entries belong to)")
    if expected_signal and signal != expected_signal:
        raise LexiconError(f"{origin}: 'signal' is {signal!r}, expected {expected_signal!r}")
    field = data.get("field", "body")
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        raise LexiconError(f"{origin}: 'entry' must be an array of tables ([[entry]])")
    entries = tuple(_entry(signal, raw, f"{origin}: entry {i + 1}") for i, raw in enumerate(raw_entries))
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise LexiconError(f"{origin}: duplicate entry id {e.id!r}")
        seen.add(e.id)
    tables = {k: v for k, v in data.items() if k not in ("signal", "field", "entry", "title", "description")}
    return Lexicon(signal, field, entries, tables)


def read_toml(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise LexiconError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LexiconError(f"{path}: is a directory, not a TOML file") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not valid UTF-8 (byte offset {exc.start}); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: not valid TOML ({exc})") from None


def lexicon_path(signal: str, language: str = "en") -> Path:
    return LEXICON_DIR / language / (signal.replace(".", "_") + ".toml")


@lru_cache(maxsize=None)
def load(signal: str, language: str = "en") -> Lexicon:
    """The built-in lexicon of a signal (read and validated once per process)."""
    path = lexicon_path(signal, language)
    return parse_lexicon(read_toml(path), f"{path.parent.name}/{path.name}", expected_signal=signal)


@lru_cache(maxsize=32)
def load_user_file(path: str) -> Lexicon:
    return parse_lexicon(read_toml(path), path)
