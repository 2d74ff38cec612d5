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


def _letters(test) -> str:
    """A regex character class of the Latin, Greek and Cyrillic letters passing ``test``
    (str.isupper, str.islower), as ranges: names like Łukasz, İlhan or Ødegaard."""
    chars = [c for block in ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)) for c in range(*block) if test(chr(c))]
    ranges: list[tuple[int, int]] = []
    for c in chars:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    return "[" + "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]"


# A capitalised word with at least one lower-case letter (not an acronym), taken whole
# (possessive): a pattern that failed after a long capitalised word used to retry every
# split of it, quadratic in its length (20,000 letters took 20 s).
CAPITAL = _letters(str.isupper)
WORD = rf"{CAPITAL}(?=[\w’'-]*?{_letters(str.islower)})[\w’'-]*+"
_KEY_DROP = re.compile(r"[’'.]")
_NAME_WORDS = re.compile(r"[\w’'-]+")
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
    surname_titles: tuple[str, ...] = ()
    title_prefixes: tuple[str, ...] = ()
    attribution_lead_ins: tuple[str, ...] = ()
    quote_verbs: tuple[str, ...] = ()

    @property
    def particle(self) -> str:
        return "(?:" + "|".join(self.particles) + ")"

    def strict_name_regex(self) -> str:
        """A full name without a title whose every word could be part of a name: two to
        four capitalised words, or initials and a surname ("J.D. Vance", "JD Vance"), perhaps
        with a quoted nickname after the first name ("Robert “Bob” Casey")."""
        # A title is not a first name: "Senator Maria Cantwell" is Maria Cantwell.
        not_first = "|".join(re.escape(w) for w in self.not_first + self.titles)
        not_following = "|".join(re.escape(w) for w in self.not_following)
        first = rf"(?={CAPITAL})(?:(?!(?:{not_first})\b){WORD}|[A-Z]\.(?:[ ]?[A-Z]\.)+|[A-Z]{{2}}(?=[ ]))"
        following = rf"(?:{self.particle}[ -])*(?={CAPITAL})(?!(?:{not_following})\b){WORD}"
        nickname = r"[ ]+[“\"‘'][A-Z][a-z]+[”\"’']"  # Robert “Bob” Casey
        return rf"{first}(?:{nickname})?(?:[ ]+[A-Z]\.(?:[ ]?[A-Z]\.)*)?(?:[ ]+{following}){{1,3}}"

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
        surname_titles=tuple(names["surname_titles"]),
        title_prefixes=tuple(names["title_prefixes"]),
        attribution_lead_ins=tuple(names["attribution_lead_ins"]),
        quote_verbs=tuple(names["quote_verbs"]),
    )


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class Attribution:
    """Named people quoted or paraphrased on the record ("said Maria Lopez", "Maria Lopez,
    an economist, said", "The director, Hanna Lind, said", "according to Dr. Vell"), found
    from the verbs of saying."""

    def __init__(self, data: NameData):
        # "according to" also opens a sentence: "According to Hugo Brandt, …"
        lead_ins = [to_regex(w) for v in data.attribution_lead_ins for w in (v, v[:1].upper() + v[1:])]
        verbs = [to_regex(v) for v in data.speech_verbs + data.quote_verbs]
        verb = "(?:" + "|".join(sorted(verbs, key=len, reverse=True)) + ")"
        attributing = "(?:" + "|".join(sorted(verbs + lead_ins, key=len, reverse=True)) + ")"
        titles, prefixes = _alternation(data.titles), _alternation(data.title_prefixes)
        title = rf"(?:(?:{prefixes})[ ]+)?(?:{titles})\.?[ ]+"
        # "Maria Lopez", "Dr. Ana de la Cruz", "Professor Dr. Randall Oakes", "Deputy Mayor
        # Rhonda Castellano", or a title that conventionally stands before a bare surname
        # ("Dr. Kovač", "Mayor Quayle").  The first word is checked against not_first in
        # code (starts_well): cheaper than a look-ahead over a hundred words.
        name = (
            rf"(?={CAPITAL})(?:(?:{title}){{0,2}}(?P<first>{WORD})(?:[ ]+[A-Z]\.)?(?:[ ]+(?:{data.particle}[ -])*(?:{WORD}))+"
            rf"|(?:(?:{prefixes})[ ]+)?(?:{_alternation(data.surname_titles)})\.?[ ]+(?P<surname>{WORD}))"
        )
        self.verb_words = frozenset(v.split()[0] for v in data.speech_verbs + data.quote_verbs + data.attribution_lead_ins)
        self.quote_verbs = frozenset(data.quote_verbs)
        self.lead_in_words = frozenset(v.split()[0] for v in data.attribution_lead_ins)
        self.verb_at = re.compile(attributing + r"(?!\w)")
        # After the verb, a title before a full name may be in lower case ("said councillor Mira Holt").
        lower_title = rf"(?:(?:{_alternation(t.lower() for t in data.titles if len(t) > 3)})[ ]+(?={CAPITAL}))?"
        self.name_after = re.compile(attributing + rf"[ ]+(?P<name>{lower_title}{name})(?!\w)")
        # The person's role between the verb and the name: "said the study's lead author,
        # Mei-Lin Tsang." (the name ends the sentence: "said the driver, Tomas Kell, had been
        # drinking" is no attribution to Tomas Kell; nor is "confirmed the victim, Lena Voss").
        self.name_after_role = re.compile(
            r"(?:said|says|added|adds|explained|wrote|writes|noted|warned)[ ]+(?:the|a|an|its|their|his|her)[ ]+"
            rf"[^,;:.\n\"“”]{{2,60}},[ ]+(?P<name>{name})(?=[ ]*(?:[.!?]|$))"
        )
        # An appositive may hold the name ("The director, Hanna Lind, said") or follow it
        # ("Piotr Nowak, who runs a firm in Brenn, said"); "who" and "has" may come between.
        auxiliary = r"(?:(?:has|had|have|also|later|then|previously|earlier|once|repeatedly|publicly|who)[ ]+)*"
        self.name_before = re.compile(rf"(?<![\w.])(?P<name>{name})(?:,[ ]+[^,;\n]{{2,120}})?,?[ ]+{auxiliary}{verb}\Z")
        self.titles = frozenset(t.lower() for t in data.titles + data.title_prefixes)
        self.not_first = frozenset(data.not_first)
        self.not_person = frozenset(w.lower() for w in data.not_following)

    def starts_well(self, m: re.Match[str]) -> bool:
        """False when the name's first word cannot start a person's name ("The", "Monday")."""
        return (m.group("first") or m.group("surname")) not in self.not_first

    def is_person(self, name: str) -> bool:
        """False for names of organisations and places ("Data Protection Authority", "Hill
        Crescent", "Dunmore General"); words before a title ("Council President Marcia Feld")
        do not count."""
        words = _NAME_WORDS.findall(name.lower())
        titled = [i for i, w in enumerate(words) if w in self.titles]
        if titled and titled[-1] == len(words) - 1:
            return False  # a name does not end with a title
        after = words[titled[-1] + 1 :] if titled else words
        return not any(w in self.not_person for w in after)

    def person_key(self, name: str) -> str:
        """The name without its title, lower case: "Dr. Ana Ruiz" and "Ana Ruiz" are one person."""
        return " ".join(w for w in name.replace(".", " ").lower().split() if w not in self.titles)


@lru_cache(maxsize=1)
def attribution() -> Attribution:
    return Attribution(name_data())


_WINDOW = 160  # how far before a verb of saying a name and its appositive may start
# "called the plan “a disaster”": a verb that attributes words only when a quotation follows.
_QUOTE_FOLLOWS = re.compile(r"[^.!?\n\"“”]{0,80}[\"“]")


def named_attributions(doc, p: Attribution | None = None) -> list[tuple[int, int]]:
    """Spans of named people quoted or paraphrased on the record ("said Maria Lopez")."""
    p = p or attribution()
    body, index = doc.body, doc.body_index
    spans = []
    for verb in sorted(p.verb_words & index.words):
        needs_quote = verb in p.quote_verbs
        for pos in index.positions(verb):
            verb_match = p.verb_at.match(body, pos)
            if verb_match is None or (needs_quote and not _QUOTE_FOLLOWS.match(body, verb_match.end())):
                continue
            m = p.name_after.match(body, pos) or p.name_after_role.match(body, pos)
            if m is not None and not p.starts_well(m):
                m = None
            if m is None and verb not in p.lead_in_words:  # "according to NAME", never "NAME according to"
                start = max(doc.sentence_at(pos)[0], pos - _WINDOW)
                while (m := p.name_before.search(body, start, verb_match.end())) is not None and not p.starts_well(m):
                    start = m.start() + 1  # "The Minister said": try again from the next word
            if m and p.is_person(m.group("name")):
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
