"""First-word index for lexicon patterns: only try a pattern where its first word occurs.

Python's ``re`` tries every alternative of a big alternation at every position of the
text, which costs about 1 ms per lexicon per 1,500-word article.  Most lexicon patterns
start with one of a few literal words ("sources", "according", "experts"), so a lexicon
is matched like this instead:

1. for each pattern, :func:`first_words` lists the words it can start with, read off
   the parsed regular expression (``sources?`` -> {"source", "sources"});
2. the words of the text and their positions are indexed once per document, in one
   pass (:class:`WordIndex`);
3. only where a first word occurs in the text is the pattern tried, anchored there.

Patterns whose first word cannot be listed (``\\d+ things``, ``[a-z]+ insiders``, or a
pattern starting with punctuation) are matched the ordinary way; there are few of them.
The results are the same as scanning with the whole alternation.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

MAX_VARIANTS = 4096
MAX_SMALL_REPEAT = 4

# Words so frequent that keying a pattern on them alone would try it at a hundred places
# per article; patterns starting with one are keyed on their first two words instead.
FREQUENT = frozenset(
    """the a an of on in is it was its to and for that with as at by this be are were has have
    had one two three some many other others their his her he she they who which from or not
    but so no new also all any""".split()
)

# (words completed so far, the word being read); None in the words means "not constrained"
State = tuple[tuple, str]


class _Unlistable(Exception):
    pass


def leading_words(regex: str, count: int = 2) -> frozenset[tuple[str, ...]] | None:
    """The first ``count`` words a regex can start with, as tuples, or None when even the
    first word cannot be listed.  A shorter tuple means the words after it are not
    constrained (the pattern ends, or what follows cannot be listed).
    """
    try:
        parsed = _parser.parse(regex)
        states = _sequence(list(parsed), {((), "")}, count)
    except (re.error, _Unlistable):
        return None
    out = set()
    for words, partial in states:
        words = tuple(w for w in words if w is not None) + ((partial,) if partial else ())
        if not words:
            return None
        out.add(words[:count])
    return frozenset(out)


LINE_START = r"(?<![^\n])"  # a pattern that starts with this matches only where a line starts
_LINE_START_ITEM = str(_parser.parse(LINE_START).data[0])


def starts_at_line_start(regex: str) -> bool:
    """True when every match of ``regex`` starts where a line starts: the pattern begins
    with LINE_START, outside any alternation ("(?<![^\\n])By …", not "(?<![^\\n])a|b")."""
    try:
        parsed = _parser.parse(regex)
    except re.error:
        return False
    return bool(parsed.data) and str(parsed.data[0]) == _LINE_START_ITEM


def first_words(regex: str) -> frozenset[str] | None:
    """The words a regex can start with, or None when they cannot be listed."""
    words = leading_words(regex, 1)
    return None if words is None else frozenset(w[0] for w in words)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _sequence(items: list, states: set[State], count: int) -> set[State]:
    for op, av in items:
        done = {s for s in states if len(s[0]) >= count}
        open_ = states - done
        if not open_:
            break
        try:
            stepped = _item(op, av, open_, count)
        except _Unlistable:
            if any(not words for words, _ in open_):
                raise  # the first word itself cannot be listed
            # Later words cannot be listed: what is known so far is all the constraint.
            return done | {(words + (None,) * (count - len(words)), "") for words, _ in open_}
        states = done | stepped
        if len(states) > MAX_VARIANTS:
            if any(not words for words, _ in states):
                raise _Unlistable
            return {(words[:1] + (None,) * (count - 1), "") for words, _ in states}
    return states


def _item(op, av, states: set[State], count: int) -> set[State]:
    if op is C.LITERAL:
        return _chars(states, [chr(av)], count)
    if op is C.IN:
        return _chars(states, _class_chars(av), count)
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]), states, count)
    if op is C.BRANCH:
        out: set[State] = set()
        for branch in av[1]:
            out |= _sequence(list(branch), states, count)
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        return _repeat(low, high, list(sub), states, count)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return states  # zero-width
    raise _Unlistable  # ANY, CATEGORY, NOT_LITERAL, GROUPREF, ...


def _repeat(low: int, high: int, sub: list, states: set[State], count: int) -> set[State]:
    """Repetitions of ``sub``: enumerated while they change the first ``count`` words."""
    bounded = high <= MAX_SMALL_REPEAT
    out: set[State] = set()
    current = states
    n = 0
    while True:
        if n >= low:
            out |= current
        if bounded and n == high:
            return out
        following = _sequence(sub, current, count)
        n += 1
        if not bounded and n > low and following <= out:
            return out  # more repetitions change nothing any more (\s+, or words past count)
        if n > low + count + MAX_SMALL_REPEAT:
            raise _Unlistable
        current = following


def _class_chars(items) -> list[str]:
    chars: list[str] = []
    for op, av in items:
        if op is C.LITERAL:
            chars.append(chr(av))
        elif op is C.RANGE:
            low, high = av
            if high - low > 10:
                raise _Unlistable
            chars.extend(chr(c) for c in range(low, high + 1))
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            chars.append(" ")
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            chars.extend("0123456789")
        else:
            raise _Unlistable
    return chars


def _chars(states: set[State], chars: list[str], count: int) -> set[State]:
    out: set[State] = set()
    for words, partial in states:
        for char in chars:
            if _is_word_char(char):
                out.add((words, partial + char))
            elif partial:
                out.add((words + (partial,), ""))  # the word ends here
            elif not words:
                raise _Unlistable  # the match would start with a non-word character
            else:
                out.add((words, ""))  # more separator between words
    return out


# Every non-word character below U+3000 mapped to a space: ``lower.translate(_SPACES)``
# keeps offsets (one character for one) and leaves words separated by single spaces.
_SPACES = {c: " " for c in range(0x3000) if not (chr(c).isalnum() or chr(c) == "_" or chr(c) == " ")}
# The same for bytes: the ASCII non-word bytes; the bytes of other characters (0x80 and up)
# are left alone.
_ASCII_SPACES = bytes(32 if c in _SPACES else c for c in range(128)) + bytes(range(128, 256))
_ASCII = bytes(range(128))
# Above this many distinct non-ASCII non-word characters (a text of symbols, not prose),
# one pass of the table costs less than a pass per character.
_MAX_REPLACED = 24


def spaced(text: str) -> str:
    """``text`` with every non-word character below U+3000 replaced by a space (offsets kept).

    ``str.translate`` is fast only on an all-ASCII string: one curly quote or dash makes it
    look every character up in the table (and raise inside for every letter), 40 times
    slower, and most published articles have them.  So the ASCII characters are translated
    as UTF-8 bytes (one byte each, so no offset moves) and the few distinct other
    characters that are not word characters are replaced one by one (a text with many
    different ones goes through the table instead)."""
    if text.isascii():
        return text.translate(_SPACES)
    # surrogatepass: a lone surrogate (a JSON "\ud800") encodes and decodes too.  Only
    # ASCII bytes are changed or dropped, so both byte strings stay valid UTF-8.
    data = text.encode("utf-8", "surrogatepass")
    out = data.translate(_ASCII_SPACES).decode("utf-8", "surrogatepass")
    others = set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))
    replaced = [char for char in others if ord(char) in _SPACES]
    if len(replaced) > _MAX_REPLACED:
        return text.translate(_SPACES)  # each replacement is a pass over the text
    for char in replaced:
        out = out.replace(char, " ")
    return out


def words_of(lower: str, start: int, end: int) -> list[str]:
    """The words of ``lower[start:end]``, split as :class:`WordIndex` splits them (a word
    cut by ``start`` is listed by its tail, which matches nothing at a word start)."""
    return spaced(lower[start:end]).split()


class WordIndex:
    """Every word of one lower-cased text and where it occurs, built in one pass, plus,
    for each frequent word, the words that follow it and where ("the" -> "mob" -> [812]).

    Words are runs of letters, digits and "_" (``\\w+``).  A Document keeps one index
    per field, so the lexicons of all signals share it.
    """

    def __init__(self, lower: str):
        index: dict[str, list[int]] = {}
        pairs: dict[str, dict[str, list[int]]] = {}  # frequent word -> next word -> positions
        get = index.get
        pos = 0
        after: dict[str, list[int]] | None = None  # pairs[previous word], when it is frequent
        previous = 0
        for word in spaced(lower).split(" "):
            if word:
                places = get(word)
                if places is None:
                    index[word] = [pos]
                else:
                    places.append(pos)
                if after is not None:
                    follow = after.get(word)
                    if follow is None:
                        after[word] = [previous]
                    else:
                        follow.append(previous)
                if word in FREQUENT:
                    after = pairs.get(word)
                    if after is None:
                        after = pairs[word] = {}
                    previous = pos
                else:
                    after = None
            pos += len(word) + 1
        self._index = index
        self._pairs = pairs
        self._followed: dict[tuple[str, frozenset[str]], list[int]] = {}  # followed_by, computed once
        self.words = index.keys()  # a set-like view: supports & with a frozenset

    def positions(self, word: str) -> list[int]:
        """Where ``word`` occurs as a whole word (in text order)."""
        return self._index.get(word, [])

    def followed_by(self, word: str, allowed: frozenset[str]) -> list[int]:
        """Where the frequent ``word`` occurs followed by one of ``allowed`` (in text order)."""
        key = (word, allowed)
        found = self._followed.get(key)
        if found is None:
            after = self._pairs.get(word, {})
            # intersection(dict) walks the dict's few keys; ``allowed & after.keys()`` would
            # walk all of ``allowed`` (a lexicon's hundreds of second words)
            found = sorted(p for follower in allowed.intersection(after) for p in after[follower])
            self._followed[key] = found
        return found
