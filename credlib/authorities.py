"""Find the people an article presents as authorities, and what it claims about them.

Rule-based and cheap (no NER model): every search starts at a word found in the
document's word index, and each regular expression is matched in a small window there.

* **Titles** before a name: "Senator Evelyn Hartwell", "former U.S. Trade Representative
  Thomas Garrity", "Prime Minister Ishiba", "Dr. Lena Foster".  The words just before a
  title say which office is meant ("U.S.", "Ohio", "state", "Australian", "former").
* **Roles** around a name: "Jane Moreau, a professor of economics at Georgetown
  University", "the economist Jane Moreau", "An economist at Georgetown, Jane Moreau";
  "Ana Ruiz of the Halden School of Economics".
* **Unnamed** authorities: "a prominent economist", "one expert".
* Around a name: a claimed state ("(D-Wash.)", "of Oregon", "a Republican from Ohio")
  and a claimed chair ("who chairs the Senate Finance subcommittee on trade").

Mentions of one person are merged (:func:`people`): a later "Hartwell" or "Dr. Foster"
resolves to the full name given earlier, and is not a second person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import methodcaller
from typing import Iterable

from .document import Document
from .lexicon import Lexicon, to_regex
from .names import name_data, name_key
from .prefilter import first_words

ORG_CONNECTORS = r"(?:of|for|and|on|de|la|le|the|&|für|du|des|di|del)"
_ORG_WORD = r"(?:[A-Z][\w&’'.-]*[\w]|[A-Z])"
ORG = rf"{_ORG_WORD}(?:[ ]+(?:{ORG_CONNECTORS}[ ]+)*{_ORG_WORD}){{0,7}}"
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TOKEN = re.compile(r"[\w’'.&-]+")
MAX_LEFT_WORDS = 4


@dataclass(frozen=True)
class Mention:
    """One place where the article presents a person (or an unnamed someone) as an authority."""

    start: int  # the words that make the claim: title, name, role, organisation
    end: int
    name: str  # as written: "Evelyn Hartwell", "Hartwell"; "" for an unnamed authority
    name_start: int
    kinds: frozenset[str]  # "office", "leader", "official", "academic", "expert", "unnamed"
    office: str | None = None  # an office id of the lexicon's [offices]
    title: str = ""  # the title or role as written
    former: bool = False
    united_states: bool = False  # "U.S.", "American": the U.S. office is meant
    elsewhere: bool = False  # "state Senator", "Australian Senator": not a U.S. office
    state: str | None = None  # claimed U.S. state (postal code)
    org: str | None = None  # claimed organisation as written
    committee: str | None = None  # claimed chair: the committee as written

    @property
    def full_name(self) -> bool:
        return len(self.name.split()) >= 2


@dataclass
class Person:
    """All mentions of one person (or one unnamed authority), first mention first."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @property
    def name(self) -> str:
        return self.mentions[0].name  # full-name mentions come first (see people())

    def claims(self, attribute: str) -> list:
        return [getattr(m, attribute) for m in self.mentions if getattr(m, attribute)]

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset().union(*(m.kinds for m in self.mentions))


class Patterns:
    """The compiled patterns of one people lexicon."""

    def __init__(self, lexicon: Lexicon):
        tables = lexicon.tables
        names = name_data()
        self.full = names.strict_name_regex()
        surname = names.surname_regex()
        honorific = "|".join(sorted((re.escape(t) for t in names.titles), key=len, reverse=True))

        # Titles: one group per form, longest first, so "Secretary of State" wins over "Secretary".
        forms: list[tuple[str, str, str | None]] = []
        for office, spec in tables["offices"].items():
            forms += [(t, "office", office) for t in spec["titles"]]
        for kind in ("leader", "official", "academic"):
            forms += [(t, kind, None) for t in tables["titles"][kind]]
        forms.sort(key=lambda f: (-len(f[0]), f[0]))
        self.title_kinds = {f"t{i}": (kind, office) for i, (_, kind, office) in enumerate(forms)}
        # Per first word, the title forms that start with it (matched where the word occurs).
        # Titles are matched in any case; one in lower case counts only after "former", "U.S."
        # or another qualifier ("former senator Evelyn Hartwell", not "the president John Smith").
        by_head: dict[str, list[str]] = {}
        for i, (form, _, _) in enumerate(forms):
            regex = to_regex(form)
            for head in _head_words([regex]):
                by_head.setdefault(head, []).append(f"(?P<t{i}>{regex})")
        self.title_heads = frozenset(by_head)
        self.title_as_written = {f"t{i}": re.compile(to_regex(form)) for i, (form, _, _) in enumerate(forms)}
        self.titles_at = {
            head: re.compile(rf"(?<![\w.])(?:{'|'.join(alternatives)})\.?(?=[ ])", re.IGNORECASE)
            for head, alternatives in by_head.items()
        }
        offices = [(to_regex(t), office) for office, spec in tables["offices"].items() for t in spec["titles"]]
        offices.sort(key=lambda o: -len(o[0]))
        self.office_of_group = {f"o{i}": office for i, (_, office) in enumerate(offices)}
        self.office_phrase = re.compile(
            r"(?<![\w.])(?:" + "|".join(f"(?P<o{i}>{regex})" for i, (regex, _) in enumerate(offices)) + r")(?![\w])",
            re.IGNORECASE,
        )
        appositive = tables["appositive"]
        self.office_nouns = frozenset(appositive["nouns"])
        self.unambiguous_nouns = frozenset(appositive["unambiguous"])
        # After a title, another honorific may come first ("Professor Dr. Randall Oakes").
        self.titled_name = re.compile(
            rf"[ ]+(?:(?=[A-Z])(?:{honorific})\.?[ ]+)?(?:(?P<name>{self.full})|(?P<surname>{surname}))(?![\w’'-]*\w)"
        )

        roles = tables["roles"]
        self.role_kind: dict[str, str] = {}
        self.role_suffixes: dict[str, str] = {}
        for kind in ("expert", "official"):
            for role in roles[kind]:
                if re.fullmatch(r"[a-z ]+", role):
                    self.role_kind.setdefault(role.split()[-1], kind)
                elif role.startswith("[a-z]+"):
                    self.role_suffixes.setdefault(role[len("[a-z]+"):], kind)
        self.role_words = frozenset(self.role_kind) | self.office_nouns
        self._suffixes = tuple(self.role_suffixes)
        # A full name that ends where a phrase begins ("Jane Moreau|, a professor").
        self.full_ending = re.compile(rf"(?<![\w’'.-])(?:{self.full})\Z")
        self.surname_ending = re.compile(rf"(?<![\w’'.-])(?:{surname})\Z")
        self.honorific_before = re.compile(rf"(?<![\w.])(?=[A-Z])(?:{honorific})\.?[ ]+\Z")
        # "the economist Jane Moreau", "the institute's director, Dr. Paulina Okoro".
        self.name_after_role = re.compile(
            rf",?[ ]+(?:(?=[A-Z])(?:{honorific})\.?[ ]+)?(?P<name>{self.full})(?![\w’'-]*\w)"
        )
        # After a role: "of economics", then "at ORG".
        self.role_org = re.compile(
            rf"(?:[ ]+(?:of|in)[ ]+(?:[a-z][\w-]*[ ]+){{0,3}}?[a-z][\w-]*(?=[ ]+(?:at|with|for)[ ]))?"
            rf"[ ]+(?:at|with|for|of)[ ]+(?:the[ ]+)?(?P<org>{ORG})"
        )
        self.name_after_org = re.compile(rf",[ ]+(?:(?=[A-Z])(?:{honorific})\.?[ ]+)?(?P<name>{self.full})(?![\w’'-]*\w)")

        affiliation = tables["affiliation"]
        self.institution_words = frozenset(w.lower() for w in affiliation["registered"] + affiliation["listed"])
        works = "|".join(affiliation["works_verbs"])
        self.works_at = re.compile(
            rf",[ ]+who[ ]+(?:{works})[ ]+(?:[a-z][\w-]*[ ]+){{0,3}}?(?:at|for)[ ]+(?:the[ ]+)?(?P<org>{ORG})"
        )
        self.org_rest = re.compile(rf"(?:[ ]+(?:{ORG_CONNECTORS}[ ]+)*{_ORG_WORD}){{0,5}}")

        qualifiers = tables["qualifiers"]
        self.former = frozenset(w.lower() for w in qualifiers["former"])
        self.united_states = frozenset(qualifiers["united_states"])
        self.party = frozenset(qualifiers["party"])
        self.elsewhere = frozenset(qualifiers["elsewhere"])

        states = tables["states"]
        self.state_code: dict[str, str] = {}
        for state, written in states.items():
            code = written[0]
            for form in [state, *written]:
                self.state_code[form.lower()] = code
                self.state_code[form.lower().rstrip(".")] = code
        state_names = "|".join(sorted((re.escape(s) for s in states), key=len, reverse=True))
        state_forms = "|".join(sorted({re.escape(f) for forms in states.values() for f in forms}, key=len, reverse=True))
        self.state_after = re.compile(
            rf"[ ]*\((?:[DRI]|Dem|Rep|Ind)\.?[ ]?[-–][ ]?(?P<code>{state_forms}|{state_names})\)"
            rf"|,?[ ]+of[ ]+(?P<name>{state_names})(?!\w)"
            rf"|,[ ]+(?:a|an|the)[ ]+(?:[\w-]+[ ]+){{0,2}}?(?:Democrat|Republican|Independent|senator|representative|"
            rf"congressman|congresswoman|lawmaker|governor)[ ]+(?:from|of|for)[ ]+(?P<name2>{state_names})(?!\w)"
            rf"|[ ]+(?:from|for)[ ]+(?P<name3>{state_names})(?!\w)"
            rf"|,[ ]+(?:[DRI]|Dem|Rep|Ind)\.?[-–](?P<code2>{state_forms}|{state_names})(?=[,.;: ]|$)"
        )
        self.state_names = re.compile(rf"(?:{state_names})\Z")
        # "Rep. Chuck Ward of Hendersonville", "(R-Henderson)": a town, so a state legislator.
        # The bracket opened is closed in the mention.  (Not ", a Democrat from Los Angeles":
        # national papers describe members of Congress so.)
        self.place_after = re.compile(
            r"(?:,?[ ]+of[ ]+|(?P<open>[ ]*\()(?:[DRI]|Dem|Rep|Ind)\.?[ ]?[-–][ ]?|,[ ]+(?:[DRI]|Dem|Rep|Ind)\.?[-–])"
            r"(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?![\w.])(?(open)\)?)"
        )
        self.state_offices = frozenset(o for o, spec in tables["offices"].items() if spec.get("states"))
        # The last word of every qualifier, to tell at a glance whether a title has any.
        self.qualifier_words = frozenset(
            w.split()[-1].lower().strip("-")
            for w in [*self.former, *self.united_states, *self.party, *self.elsewhere, *states, "the"]
        )
        self.chair_after = re.compile(
            r",?[ ]+(?:who[ ]+(?:chairs|heads|leads|is[ ]+(?:the[ ]+)?(?:chair|chairman|chairwoman|head)[ ]+of)|"
            r"(?:the[ ]+|and[ ]+)?(?:chair|chairman|chairwoman|head)[ ]+of)[ ]+"
            r"(?P<committee>(?:the[ ]+)?[^,.;:\"“”()\n]{0,80}?\b(?:[Cc]ommittee|[Ss]ubcommittee|[Pp]anel)"
            r"(?:[ ]+(?:on|for)[ ]+[^,.;:\"“”()\n]{3,90}?)?)(?=[,.;:\"“”()\n]|[ ]+(?:said|says|told|and|who|which|that)\b|$)"
        )
        self.chair_before = re.compile(
            r"(?P<committee>(?:Senate|House)[ ]+[A-Z][^,.;:\"“”()\n]{0,80}?(?:Committee|Subcommittee|[Pp]anel))"
            r"(?:['’]s)?[ ]+\Z"
        )

        unnamed = tables["unnamed"]
        verbs = [to_regex(v) for v in (*names.speech_verbs, *unnamed["verbs"])]
        self.speaking = re.compile(r"[^.;!?\n]{0,80}?(?<!\w)(?:" + "|".join(sorted(verbs, key=len, reverse=True)) + r")(?!\w)")
        self.not_modifiers = frozenset(v.split()[0] for v in names.speech_verbs) | _CLAUSE | _FUNCTION_WORDS
        self.unnamed_det = frozenset(unnamed["determiners"])
        self.unnamed_adjectives = frozenset(a.lower() for a in unnamed["adjectives"])

    def role_of(self, word: str) -> str | None:
        kind = self.role_kind.get(word) or ("office" if word in self.office_nouns else None)
        if kind is None and word.endswith(self._suffixes):
            suffix = next(x for x in self._suffixes if word.endswith(x))
            if len(word) > len(suffix) + 2:
                return self.role_suffixes[suffix]
        return kind

    def roles_in(self, words, lower: str) -> list[str]:
        """The role words among a text's words (its index; ``lower``: the lower-case text)."""
        found = set(self.role_words & words)
        if any(suffix in lower for suffix in self._suffixes):  # "hydrologist": look further
            found.update(w for w in filter(methodcaller("endswith", self._suffixes), words) if self.role_of(w))
        return sorted(found)


def _head_words(regexes: Iterable[str]) -> set[str]:
    """The lower-case words the title patterns can start with (where a search starts)."""
    out: set[str] = set()
    for regex in regexes:
        words = first_words(regex)
        if words is None:
            raise ValueError(f"people.unverifiable: title pattern {regex!r} must start with listable words")
        out.update(w.lower() for w in words)
    return out


@lru_cache(maxsize=8)
def patterns(lexicon: Lexicon) -> Patterns:
    return Patterns(lexicon)


# -- finding mentions ---------------------------------------------------------------------


def find_mentions(doc: Document, p: Patterns) -> list[Mention]:
    """Every authority mention in the body, in text order (overlapping ones merged)."""
    found = _titled(doc, p) + _roles(doc, p) + _of_institution(doc, p) + _chairs(doc, p)
    found = [m for m in found if not doc.in_quote(m.name_start, m.name_start + max(1, len(m.name)))]
    found.sort(key=lambda m: (m.start, m.end))
    # One name at one place found twice ("Dr. Lena Foster" by its title and "Lena Foster,
    # an economist" by the role) is one mention: such findings end where the name ends.
    merged: dict[int, Mention] = {}
    unnamed: list[Mention] = []
    for m in found:
        if not m.name:
            unnamed.append(m)
            continue
        key = m.name_start + len(m.name)
        merged[key] = _combine(merged[key], m) if key in merged else m
    return sorted([*merged.values(), *unnamed], key=lambda m: (m.start, m.end))


def _combine(a: Mention, b: Mention) -> Mention:
    name, name_start = (a.name, a.name_start) if len(a.name) >= len(b.name) else (b.name, b.name_start)
    titled = next((x for x in (a, b) if x.title and x.start < x.name_start < name_start + len(name)), None)
    if titled is not None and name_start < titled.name_start:
        # "Ohio Senator Ruth Okonjo, who chairs …": the longer name, found by the chair
        # alone, runs over the title; the name is what follows the title
        name, name_start = titled.name, titled.name_start
    return Mention(
        start=min(a.start, b.start),
        end=max(a.end, b.end),
        name=name,
        name_start=name_start,
        kinds=a.kinds | b.kinds,
        office=a.office or b.office,
        title=a.title if a.title[:1].islower() or not b.title else b.title,  # the role over "Dr."
        former=a.former or b.former,
        united_states=a.united_states or b.united_states,
        elsewhere=a.elsewhere or b.elsewhere,
        state=a.state or b.state,
        org=a.org or b.org,
        committee=a.committee or b.committee,
    )


def _titled(doc: Document, p: Patterns) -> list[Mention]:
    body, index = doc.body, doc.body_index
    out: list[Mention] = []
    for head in p.title_heads & index.words:  # in any order: find_mentions sorts
        titles = p.titles_at[head]
        for pos in index.positions(head):
            m = titles.match(body, pos)
            if m is None:
                continue
            n = p.titled_name.match(body, m.end())
            if n is None:
                continue
            out.append(_titled_mention(body, m, n, p))
    return [x for x in out if x is not None]


def _titled_mention(body: str, m: re.Match[str], n: re.Match[str], p: Patterns) -> Mention | None:
    """The mention made of the title ``m`` and the name ``n`` after it, with the claims
    around them; None for a title in lower case with nothing to say it is one."""
    kind, office = p.title_kinds[m.lastgroup]
    title = m.group()
    name_group = "name" if n.group("name") else "surname"
    name_start, name_end = _trim_possessive(body, n.start(name_group), n.end(name_group))
    start, former, us, elsewhere, state = _qualifiers(body, m.start(), p)
    lower = not p.title_as_written[m.lastgroup].fullmatch(m.group(m.lastgroup))  # "former senator …"
    if lower and (kind == "academic" or not (former or us or elsewhere or state)):
        return None  # "the company's president John Smith": a role, not a title
    committee = p.chair_before.search(body, max(0, start - 100), start) if "chair" in title.lower() else None
    mention = Mention(
        start=committee.start() if committee else start, end=name_end, name=body[name_start:name_end],
        name_start=name_start, kinds=frozenset({kind}), office=office, title=title, former=former,
        united_states=us, elsewhere=elsewhere, state=state, committee=committee.group("committee") if committee else None,
    )
    return _after_name(body, mention, p)


def _trim_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    m = _POSSESSIVE.search(text, start, end)
    return (start, m.start()) if m and m.start() > start else (start, end)


def _qualifiers(text: str, title_start: int, p: Patterns) -> tuple[int, bool, bool, bool, str | None]:
    """(start, former, united_states, elsewhere, state) from the words before a title."""
    start = title_start
    former = us = elsewhere = False
    state = None
    if text[max(0, start - 3) : start].lower() == "ex-":
        start -= 3
        former = True
    # the word before the title, after a space or a line break ("…\n\nState Senator …")
    before = max(text.rfind(c, max(0, start - 30), max(0, start - 1)) for c in " \n")
    if text[before + 1 : start].strip(" -").lower() not in p.qualifier_words:
        return start, former, us, elsewhere, state  # most titles: "said Senator …", "(Rep. …"
    words = list(_TOKEN.finditer(text, max(0, start - 60), start))
    i = len(words) - 1
    taken = 0
    while i >= 0 and taken < MAX_LEFT_WORDS:
        w = words[i]
        between = text[w.end() : start]
        if between.strip(" -") or (between and not between.isspace() and between != "-"):
            break
        word = w.group()
        two = text[words[i - 1].start() : w.end()] if i > 0 else ""
        if word.lower().rstrip("-") in p.former or word.lower() in ("ex-", "then-"):
            former = True
        elif word in p.united_states or two in p.united_states:
            us = True
            if two in p.united_states:
                i -= 1
        elif word in p.party or word.lower() == "the":
            pass
        elif word in p.elsewhere or two in p.elsewhere:
            elsewhere = True
            if two in p.elsewhere:
                i -= 1
        elif p.state_names.match(two) or p.state_names.match(word):
            wide = p.state_names.match(two)
            state = p.state_code[(two if wide else word).lower()]
            if wide:
                i -= 1
        else:
            break
        start = words[i].start()
        i -= 1
        taken += 1
    return start, former, us, elsewhere, state


def _after_name(text: str, mention: Mention, p: Patterns) -> Mention:
    """Claims right after a name: a state, a role with an organisation, a chair."""
    end = mention.end
    if not _AFTER_HINT.match(text, end):
        return mention  # "… said", "…." : nothing claimed here
    m = p.state_after.match(text, end)
    if m is None and mention.office in p.state_offices:
        place = p.place_after.match(text, end)
        if place and place.group("place").lower() not in p.state_code:
            return replace(mention, end=place.end(), elsewhere=True)
    if m:
        written = next(v for v in m.group("code", "name", "name2", "name3", "code2") if v)
        code = p.state_code.get(written.lower()) or p.state_code.get(written.lower().rstrip("."))
        mention = replace(mention, end=m.end(), state=code or mention.state)
        end = m.end()
    m = p.chair_after.match(text, end)
    if m:
        return replace(mention, end=m.end("committee"), committee=m.group("committee"))
    m = p.works_at.match(text, end)
    if m:
        return replace(mention, end=m.end(), org=m.group("org"), kinds=mention.kinds | {"expert"})
    if mention.office and not mention.former and _SERVED.match(text, end):
        # "Trade Representative Thomas Garrity, who served under President Obama": a former holder
        return replace(mention, former=True)
    return mention


# What every claim after a name starts with: "(D-Wash.)", ", a …", " of Ohio", " from …".
_AFTER_HINT = re.compile(r"[ ]*\(|,|[ ]+(?:of|from|for)\b")
_SERVED = re.compile(r",?[ ]+who[ ]+(?:had[ ]+|once[ ]+|previously[ ]+)?(?:served|was|been)\b")


def _roles(doc: Document, p: Patterns) -> list[Mention]:
    body, index = doc.body, doc.body_index
    out: list[Mention] = []
    for word in p.roles_in(index.words, doc.body_lower):
        kind = p.role_of(word)
        for pos in index.positions(word):
            end = pos + len(word)
            if body[end : end + 1] in ("’", "'") or (body[pos].isupper() and word in p.title_heads):
                continue  # "the economist's view"; "Senator Hartwell" is a title, found as one
            sentence_start = doc.sentence_at(pos)[0]
            if not _may_name(body, pos, end, sentence_start, kind):
                continue  # "said the minister was furious": nobody to name here
            mention = _role_mention(body, pos, end, kind, p, sentence_start)
            if mention is not None:
                out.append(mention)
    return out


_NAME_OR_ORG_AFTER = re.compile(r",?[ ]+(?:[A-Z]|(?:at|with|for|of)[ ]+(?:the[ ]+)?[A-Z])")
_DET_BEFORE = re.compile(r"(?<!\w)(?:[Aa]n?|[Oo]ne|[Aa]nother)[ ]+(?:[\w-]+[ ]+){0,2}\Z")
_CAPITAL = re.compile(r"[A-Z]")


def _may_name(text: str, pos: int, end: int, sentence_start: int, kind: str) -> bool:
    """Whether a role at ``pos`` can belong to a mention at all: a name or an organisation
    may follow it, a name may come before it (after a comma, "is" or "was"), or an
    unnamed expert may be introduced ("a prominent economist")."""
    if _NAME_OR_ORG_AFTER.match(text, end):
        return True
    lo = max(sentence_start, pos - 100)
    before = text[lo:pos]
    if ("," in before or " is " in before or " was " in before) and _CAPITAL.search(text, lo + 1, pos):
        return True
    return kind in ("expert", "office") and _DET_BEFORE.search(text, max(lo, pos - 40), pos) is not None


def _role_mention(body: str, pos: int, end: int, kind: str, p: Patterns, sentence_start: int = 0) -> Mention | None:
    role = body[pos:end]
    org_match = p.role_org.match(body, end)
    org = org_match.group("org") if org_match else None
    role_end = org_match.end() if org_match else end
    left = _left_of_role(body, pos, sentence_start)
    former, us, elsewhere, state, mods = _classify(left.mods, p)
    office = None
    if role.lower() in p.office_nouns:
        phrase = _office_phrase(body, left.start, pos, end, p)
        if phrase is not None:
            title = phrase[0]
            party = any(_POSSESSIVE.sub("", w) in p.party for w in left.mods.split())
            specific = len([w for w in title.split() if w.lower() not in ("u.s.", "us")]) > 1
            if specific or role.lower() in p.unambiguous_nouns or us or state or party:
                office = phrase[2]
        if office is None and kind == "office":
            return None  # "a representative of the union": no office meant
        if office is not None:
            kind, role_end, mods, org = "office", max(role_end, phrase[1]), "", None
    if left.name_end is not None:
        found = _name_ending_at(body, left.name_end, p)
        if found is not None:
            start, name_start = found
            mention = Mention(
                start=start, end=role_end, name=body[name_start : left.name_end], name_start=name_start,
                kinds=frozenset({kind}), office=office, title=role, org=org or _org_in(left.mods, p), former=former,
                united_states=us, elsewhere=elsewhere, state=state,
            )
            return _after_name(body, mention, p)
    det, start = left.det, left.start
    if det is None:  # "Harvard economist Jane Moreau", "Morning Consult data scientist Adam Petrihos"
        named_before = _org_next_to_role(left.mods, p)
        if named_before:
            start = body.rfind(named_before.split()[0], max(0, pos - 100), pos)
        elif rank := _rank_before(left.mods):  # "Chief executive Anders Holm": the rank is part of the title
            start = body.rfind(rank, max(0, pos - 100), pos)
            role = body[start:end]
        org = org or named_before
    else:
        org = org or _org_in(left.mods, p) or _back_reference(body, left.mods, start, p)
    right = p.name_after_role.match(body, end) or (org_match and p.name_after_org.match(body, role_end))
    if right:
        name_start, name_end = _trim_possessive(body, right.start("name"), right.end("name"))
        mention = Mention(
            start=start, end=name_end, name=body[name_start:name_end], name_start=name_start,
            kinds=frozenset({kind}), office=office, title=role, org=org, former=former, united_states=us,
            elsewhere=elsewhere, state=state,
        )
        return _after_name(body, mention, p)
    if kind != "expert" or det is None or det.lower() not in p.unnamed_det:
        return None
    if not p.speaking.match(body, role_end) and not body[max(0, start - 13) : start].lower().startswith("according to"):
        return None  # "he saw a doctor": not someone the article quotes
    adjectives = mods.split()
    if len(adjectives) > 2 or any(a.lower() not in p.unnamed_adjectives for a in adjectives):
        return None
    return Mention(
        start=start, end=role_end, name="", name_start=start, kinds=frozenset({"unnamed"}), title=role, org=org,
    )


def _office_phrase(text: str, start: int, pos: int, end: int, p: Patterns) -> tuple[str, int, str] | None:
    """(title, end, office) of an office title written around a lower-case head noun at
    ``pos``: "a former U.S. |trade representative|", "the former |secretary of state|"."""
    for m in p.office_phrase.finditer(text, start, min(len(text), end + 40)):
        if m.start() > pos:
            break
        if pos < m.end():
            return m.group(), m.end(), p.office_of_group[m.lastgroup]
    return None


def _name_ending_at(text: str, end: int, p: Patterns) -> tuple[int, int] | None:
    """(start with any honorific, start of the name) of a full name ending at ``end``."""
    name = p.full_ending.search(text, max(0, end - 60), end)  # the leftmost: the longest name
    if name is None:
        return None
    start = name.start()
    honorific = p.honorific_before.search(text, max(0, start - 20), start)
    return (honorific.start() if honorific else start), start


_DETERMINERS = frozenset("the a an one another".split())
_INITIALS = re.compile(r"(?:[A-Z]\.)+")


def _classify(mods: str, p: Patterns) -> tuple[bool, bool, bool, str | None, str]:
    """Qualifiers among the words before a role ("former", "U.S.", "Ohio", "state") and
    the words left over (which may name an organisation)."""
    former = us = elsewhere = False
    state = None
    rest = []
    for word in mods.split():
        bare = _POSSESSIVE.sub("", word)
        if word.lower() in p.former:
            former = True
        elif bare in p.united_states:
            us = True
        elif bare in p.party:
            pass
        elif bare in p.elsewhere:
            elsewhere = True  # and it may be part of an organisation: "Tokyo University"
            rest.append(word)
        elif bare.lower() in p.state_code and bare[:1].isupper() and len(bare) > 2:
            state = p.state_code[bare.lower()]
        else:
            rest.append(word)
    return former, us, elsewhere, state, " ".join(rest)


@dataclass(frozen=True)
class _Left:
    """The words before a role: "Jane Moreau| , who is | a | senior | economist"."""

    det: str | None  # "a", "the", "one" …
    start: int  # where the role phrase starts (determiner, or an organisation before it)
    mods: str  # the words between the determiner and the role
    name_end: int | None  # where a name before ", " or " is " would end


_CLAUSE = frozenset("who is was served serves has had been once previously formerly later now then also as".split())
_FUNCTION_WORDS = frozenset("and or but to by with for from at in on of that this said told says".split())


def _left_of_role(text: str, pos: int, sentence_start: int = 0) -> _Left:
    """Read back from a role: modifiers, a determiner, a clause ("who served as"), then a
    comma or a name: "Jane Moreau|, who is |a |senior |economist", "Jane Moreau| is |an |economist"."""
    words = list(_TOKEN.finditer(text, max(sentence_start, pos - 100), pos))
    start = pos
    det: str | None = None
    det_start: int | None = None
    mods: list[re.Match[str]] = []
    clause: list[re.Match[str]] = []  # nearest first
    for w in reversed(words):
        gap = text[w.end() : start]
        token = w.group()
        low = token.lower()
        if gap in (", ", ","):
            if not clause or clause[-1].group().lower() == "who":
                return _Left(det, det_start if det_start is not None else start, _joined(mods), w.end())
            break
        if gap != " " or (token.endswith(".") and not _INITIALS.fullmatch(token)):
            break  # punctuation, a line break or a sentence end
        if len(clause) == 1 and clause[0].group().lower() in ("is", "was") and low not in _CLAUSE:
            # "Jane Moreau is an | economist": the name ends before "is"
            return _Left(det, det_start if det_start is not None else start, _joined(mods), clause[0].start() - 1)
        if low in _CLAUSE and (det is not None or not mods or low == "as" or clause):
            if len(clause) >= 4:
                break
            clause.append(w)
            start = w.start()
            continue
        if clause:
            break
        if det is None and low in _DETERMINERS:
            det, det_start, start = token, w.start(), w.start()
            continue
        if det is not None or len(mods) >= MAX_LEFT_WORDS:
            break
        mods.append(w)
        start = w.start()
    if det is not None:
        return _Left(det, det_start, _joined(mods), None)
    return _Left(None, pos, _joined(mods), None)


def _joined(nearest_first: list[re.Match[str]]) -> str:
    return " ".join(w.group() for w in reversed(nearest_first))


def _org_in(mods: str, p: Patterns) -> str | None:
    """An organisation written before a role: "a Georgetown University economist", "a
    University of Oregon economics professor"; not a party or a nationality ("a Republican
    strategist")."""
    runs: list[list[str]] = [[]]
    for word in mods.split():
        bare = _POSSESSIVE.sub("", word)
        if bare[:1].isupper() and bare.lower() not in _DETERMINERS:
            runs[-1].append(bare)
        elif runs[-1] and word in ("of", "for"):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    for run in reversed(runs):
        while run and run[-1] in ("of", "for"):
            run.pop()
        if all(w.lower() in _RANK_WORDS for w in run):
            continue  # "Chief executive", "Managing director": a rank, capitalised at a sentence start
        if any(w not in p.party and w not in p.united_states for w in run):
            return " ".join(run)
    return None


def _rank_before(mods: str) -> str | None:
    """The rank words right before a role ("Chief" in "Chief executive"), as written."""
    words = mods.split()
    i = len(words)
    while i > 0 and words[i - 1].lower() in _RANK_WORDS:
        i -= 1
    return " ".join(words[i:]) or None


# Words of a job title's rank, not of an organisation's name.
_RANK_WORDS = frozenset(
    """chief managing senior deputy executive vice acting interim general assistant associate
    principal lead head former outgoing incoming joint co founding""".split()
)


def _org_next_to_role(mods: str, p: Patterns) -> str | None:
    """An organisation right before a role with no article: "Harvard | economist", "Morning
    Consult data | scientist" (one modifier between), not "Trump told | economist"."""
    words = mods.split()
    if words and not words[-1][:1].isupper():
        if words[-1] in p.not_modifiers or len(words) < 2 or not words[-2][:1].isupper():
            return None
        words = words[:-1]
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() and word not in ("of", "for"):
            break
        run.append(word)
    return _org_in(" ".join(reversed(run)), p)


_ORG_LEAD = re.compile(rf"(?<![\w’'.-])(?:{_ORG_WORD}[ ]+(?:{ORG_CONNECTORS}[ ]+)*){{1,5}}\Z")


def _back_reference(text: str, mods: str, start: int, p: Patterns) -> str | None:
    """"The institute's director": the institute named earlier ("Coastal Resilience Institute")."""
    words = [_POSSESSIVE.sub("", w).lower() for w in mods.split()]
    noun = next((w for w in reversed(words) if w in p.institution_words), None)
    if noun is None:
        return None
    word = noun.capitalize()
    at = text.rfind(word, 0, start)
    while at > 0 and (text[at - 1] != " " or text[at + len(word) : at + len(word) + 1].isalnum()):
        at = text.rfind(word, 0, at)  # a whole word after a space: "… Resilience Institute"
    if at <= 0:
        return None
    lead = _ORG_LEAD.search(text, max(0, at - 80), at)
    return lead.group() + word if lead else None


def _of_institution(doc: Document, p: Patterns) -> list[Mention]:
    """"Ana Ruiz of the Halden School of Economics": a named person speaking for an institution."""
    body, index = doc.body, doc.body_index
    out: list[Mention] = []
    for word in sorted(p.institution_words & index.words):
        for pos in index.positions(word):
            if not body[pos : pos + 1].isupper():
                continue
            org_start, link = _org_before(body, pos)
            if link is None or not body[body.rfind(" ", 0, link - 1) + 1 : link][:1].isupper():
                continue  # "a hydrologist at Alder State University": the role finds that one
            found = _name_ending_at(body, link - 1, p)
            if found is None:
                continue
            start, name_start = found
            rest = p.org_rest.match(body, pos + len(word))
            org_end = rest.end() if rest else pos + len(word)
            mention = Mention(
                start=start, end=org_end, name=body[name_start : link - 1], name_start=name_start,
                kinds=frozenset({"expert"}), org=body[org_start:org_end],
            )
            out.append(_after_name(body, mention, p))
    return out


_WHO = re.compile(r",[ ]+who[ ]+\Z")


def _chairs(doc: Document, p: Patterns) -> list[Mention]:
    """"Cantwell, who chairs the Senate Finance subcommittee on trade": a chair claimed for a
    name (a surname will do: the person is usually named in full elsewhere)."""
    body = doc.body
    out: list[Mention] = []
    for verb in ("chairs", "heads", "leads"):
        for pos in doc.body_index.positions(verb):
            who = _WHO.search(body, max(0, pos - 8), pos)
            if who is None:
                continue
            claim = p.chair_after.match(body, who.start())
            if claim is None:
                continue
            found = _name_ending_at(body, who.start(), p)
            if found is not None:
                start, name_start = found
            else:
                surname = p.surname_ending.search(body, max(0, who.start() - 30), who.start())
                if surname is None:
                    continue
                start = name_start = surname.start()
            out.append(Mention(
                start=start, end=claim.end("committee"), name=body[name_start : who.start()], name_start=name_start,
                kinds=frozenset({"official"}), committee=claim.group("committee"),
            ))
    return out


_LINKED_ORG = re.compile(
    rf"(?<![\w’'.-])(?P<link>of|from|at)[ ]+(?:the[ ]+)?(?P<org>(?:{_ORG_WORD}[ ]+(?:(?:of|for|and|&)[ ]+)*){{0,5}})\Z"
)


def _org_before(text: str, pos: int) -> tuple[int, int | None]:
    """(start of the organisation, start of "of"/"from"/"at" before it) for an institution
    word at ``pos``: "Ana Ruiz |of| the |Halden School"."""
    m = _LINKED_ORG.search(text, max(0, pos - 80), pos)
    return (m.start("org"), m.start("link")) if m else (pos, None)


# -- people ---------------------------------------------------------------------------------


def people(mentions: list[Mention]) -> list[Person]:
    """Mentions grouped by person: full names by their key; a surname alone joins the full
    name it belongs to (mentioned anywhere in the article), else stands for itself."""
    keys: dict[str, str] = {}

    def key_of(name: str) -> str:
        if name not in keys:
            keys[name] = name_key(name)
        return keys[name]

    surnames: dict[str, str] = {}
    for m in mentions:
        if m.full_name:
            surnames.setdefault(key_of(m.name.split()[-1]), key_of(m.name))
    by_key: dict[str, Person] = {}
    out: list[Person] = []
    for m in mentions:
        if not m.name:
            out.append(Person([m]))
            continue
        key = key_of(m.name) if m.full_name else surnames.get(key_of(m.name), "surname:" + key_of(m.name))
        person = by_key.get(key)
        if person is None:
            person = by_key[key] = Person()
            out.append(person)
        person.mentions.append(m)
    for person in out:
        person.mentions.sort(key=lambda m: (not m.full_name, m.start))
    return out
