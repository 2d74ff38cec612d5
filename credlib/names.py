"""Personal names in news text: what a name looks like, and how two spellings compare.

One place for the name rules that several parts of credlib share:

* ``evidence.citations`` counts named people on record ("said Maria Lopez");
* ``people.unverifiable`` finds named authorities and checks them against rosters;
* ``scripts/build_people_data.py`` builds those rosters' name keys.

The words live in ``lexicons/en/names.toml``; this module turns them into regular
expression fragments and into :func:`name_key`, the comparison key under which a name
is looked up ("Ben Ray Luján" and "Ben Ray Lujan" share one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import LEXICON_DIR, read_toml, to_regex

# A capitalised word with at least one lower-case letter (not an acronym), Latin-1 letters.
CAPITAL = r"[A-ZÀ-ÖØ-Þ]"
WORD = rf"{CAPITAL}[\w’'-]*?[a-zß-öø-ÿ][\w’'-]*"
_KEY_DROP = re.compile(r"[’'.]")
_KEY_SPLIT = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class NameData:
    """The shared name tables of ``names.toml``."""

    not_first: tuple[str, ...]
    titles: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    particles: tuple[str, ...]
    suffixes: frozenset[str]
    not_following: tuple[str, ...]

    @property
    def particle(self) -> str:
        return "(?:" + "|".join(self.particles) + ")"

    def name_regex(self, titled: bool = True) -> str:
        """Regex for a full name: two or more capitalised words ("Dr. Ana de la Cruz")."""
        titles = "|".join(sorted((re.escape(t) for t in self.titles), key=len, reverse=True))
        not_first = "|".join(re.escape(w) for w in self.not_first)
        # (?=CAPITAL) first: the word lists are only tried where a capital letter starts.
        title = rf"(?:(?={CAPITAL})(?:{titles})\.?[ ]+)?" if titled else ""
        return (
            rf"{title}(?={CAPITAL})(?!(?:{not_first})\b){WORD}(?:[ ]+[A-Z]\.)?"
            rf"(?:[ ]+(?:{self.particle}[ -])*(?:{WORD}))+"
        )

    def strict_name_regex(self) -> str:
        """A full name without a title whose every word could be part of a name: two to
        four capitalised words, or initials and a surname ("J.D. Vance", "JD Vance")."""
        # A title is not a first name: "Senator Maria Cantwell" is Maria Cantwell.
        not_first = "|".join(re.escape(w) for w in self.not_first + self.titles)
        not_following = "|".join(re.escape(w) for w in self.not_following)
        first = rf"(?={CAPITAL})(?:(?!(?:{not_first})\b){WORD}|[A-Z]\.(?:[ ]?[A-Z]\.)+|[A-Z]{{2}}(?=[ ]))"
        following = rf"(?:{self.particle}[ -])*(?={CAPITAL})(?!(?:{not_following})\b){WORD}"
        return rf"{first}(?:[ ]+[A-Z]\.(?:[ ]?[A-Z]\.)*)?(?:[ ]+{following}){{1,3}}"

    def surname_regex(self) -> str:
        """One capitalised word that can be a surname ("Hartwell", not "The")."""
        not_first = "|".join(re.escape(w) for w in self.not_first + self.not_following)
        return rf"(?={CAPITAL})(?!(?:{not_first})\b){WORD}"


@lru_cache(maxsize=1)
def name_data() -> NameData:
    names = read_toml(LEXICON_DIR / "en" / "names.toml")["names"]
    return NameData(
        not_first=tuple(names["not_first"]),
        titles=tuple(names["titles"]),
        speech_verbs=tuple(names["speech_verbs"]),
        particles=tuple(names["particles"]),
        suffixes=frozenset(s.lower() for s in names["suffixes"]),
        not_following=tuple(names["not_following"]),
    )


class Attribution:
    """Named people quoted or paraphrased on the record ("said Maria Lopez", "Maria Lopez,
    an economist, said"), found from the verbs of saying."""

    def __init__(self, data: NameData):
        verb = "(?:" + "|".join(sorted((to_regex(v) for v in data.speech_verbs), key=len, reverse=True)) + ")"
        name = data.name_regex()
        self.verb_words = frozenset(v.split()[0] for v in data.speech_verbs)
        self.verb_at = re.compile(verb + r"(?!\w)")
        self.name_after = re.compile(verb + rf"[ ]+(?P<name>{name})(?!\w)")
        self.name_before = re.compile(rf"(?<![\w.])(?P<name>{name})(?:,[ ]+[^,;\"“”\n]{{2,90}},)?[ ]+{verb}\Z")
        self.titles = frozenset(t.lower() for t in data.titles)

    def person_key(self, name: str) -> str:
        """The name without its title, lower case: "Dr. Ana Ruiz" and "Ana Ruiz" are one person."""
        return " ".join(w for w in name.replace(".", " ").lower().split() if w not in self.titles)


@lru_cache(maxsize=1)
def attribution() -> Attribution:
    return Attribution(name_data())


_WINDOW = 150  # how far before a verb of saying a name and its appositive may start


def named_attributions(doc, p: Attribution | None = None) -> list[tuple[int, int]]:
    """Spans of named people quoted or paraphrased on the record ("said Maria Lopez")."""
    p = p or attribution()
    body, index = doc.body, doc.body_index
    spans = []
    for verb in sorted(p.verb_words & index.words):
        for pos in index.positions(verb):
            m = p.name_after.match(body, pos)
            if m:
                spans.append(m.span("name"))
                continue
            verb_match = p.verb_at.match(body, pos)
            if verb_match is None:
                continue
            window = max(doc.sentence_at(pos)[0], pos - _WINDOW)
            m = p.name_before.search(body, window, verb_match.end())
            if m:
                spans.append(m.span("name"))
    return sorted(set(spans))


# -- comparing names ----------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or dots; other punctuation becomes a space.

    "Ben Ray Luján" -> "ben ray lujan", "O'Neill" -> "oneill", "J.D." -> "jd",
    "Hyde-Smith" -> "hyde smith".  Shared by name keys and institution keys.
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = _KEY_DROP.sub("", text.casefold().replace("&", " and "))
    return " ".join(_KEY_SPLIT.sub(" ", plain).split())


def name_key(name: str) -> str:
    """The key a person's name is compared under: folded, without generational suffixes."""
    suffixes = name_data().suffixes
    return " ".join(w for w in fold(name).split() if w not in suffixes)


def name_keys(name: str) -> tuple[str, ...]:
    """Keys to look a written name up under, most specific first.

    "Michael F. Bennet" -> ("michael f bennet", "michael bennet"): single-letter middle
    initials are often left out, and first + last is how most people are written.
    """
    words = name_key(name).split()
    keys = [" ".join(words)]
    if len(words) > 2:
        keys.append(" ".join([words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]))
        keys.append(f"{words[0]} {words[-1]}")
    return tuple(dict.fromkeys(k for k in keys if k))
