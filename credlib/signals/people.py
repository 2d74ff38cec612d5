"""people.unverifiable: the named authorities an article leans on, checked against rosters.

Invented news leans on invented authorities: "Dr. X, a prominent economist at Y
University", "Senator Z, who chairs the subcommittee on …", "former U.S. Trade
Representative W".  For every person presented as an authority (see authorities.py)
this signal gives one finding, on the mention that carries the claim, with a verdict:

``verified``        a roster confirms the claimed office (info; lowers the concern)
``contradicted``    a roster that is complete for the claimed period has no such holder,
                    records a different office or state, or gives the claimed chair to
                    someone else (severe); the message says what was checked.  In an
                    article plainly set outside the U.S. (``[setting]`` in the lexicon),
                    no holder of an office other countries have too (``abroad``) is
                    only unverified: the title may be another country's; so is, in an
                    article about a state legislature, no holder under a title state
                    legislators have too (``statehouse``): they are in no roster here
``unverified``      identifiable (full name, role, organisation) but in no offline source:
                    the finding carries a search link (warning, mild)
``unidentifiable``  no full name, no affiliation, or a university in no registry (warning)

With ``Config(online=True)`` (``credlib score --online``) unverified people are also
looked up on Wikidata (credlib/wikidata.py); failures keep the offline verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import quote_plus

from ..authorities import Mention, Person, find_mentions, patterns, people
from ..document import Document
from ..lexicon import Lexicon
from ..names import fold, name_key
from ..registry import Context, plural, saturate, signal
from ..rosters import Committee, DataError, Person as Holder, Tenure, institutions, rosters

MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Verdict:
    person: str  # the full name as written ("" for an unnamed authority)
    verdict: str  # "verified" | "contradicted" | "unverified" | "unidentifiable"
    entry: str  # the lexicon entry that reports it
    message: str  # what was checked, in one sentence
    mention: Mention  # where the finding goes
    searchable: bool = False  # give the reader a search link for the name
    note: str | None = None  # online verification: what happened
    query: str | None = None  # what to search for, when not the name alone ("Mayor Adams")
    # not contradicted only because the article is set outside the U.S. or in a state legislature
    excused: bool = False


class Knowledge:
    """The lexicon's office declarations joined with the shipped rosters."""

    def __init__(self, lexicon: Lexicon):
        tables = lexicon.tables
        self.offices: dict[str, dict[str, Any]] = tables["offices"]
        self.state_name = {forms[0]: name for name, forms in tables["states"].items()}
        self.search_url: str = tables["search"]["url"]
        committees = tables["committees"]
        self.committees_from: str = committees["current_from"]
        self.committee_noise = frozenset(committees["ignore"])
        setting = tables["setting"]
        self.min_foreign: int = setting["min_foreign"]
        # U.S. words: the list, the states' names and their forms of more than two letters
        # ("Calif."; a bare postal code such as "OK" or "MP" is ordinary text elsewhere)
        # but the not_states words, and a party tag before any state form ("R-Ohio", "D-OH").
        states = list(tables["states"]) + [f for forms in tables["states"].values() for f in forms]
        words = setting["not_states"]
        us = setting["united_states"] + [f for f in states if len(f) > 2 and f not in words]
        tags = "|".join(re.escape(f) for f in sorted(set(states), key=len, reverse=True))
        self._us_words = re.compile(_whole_words(us).pattern + rf"|\b[RDI]-(?:{tags})(?!\w)")
        self._foreign_words = _whole_words(setting["foreign"])
        # a state legislature: its chambers alone ("state Senate") or after a state's name
        # ("Vermont House"); the not_statehouse phrases are in the pattern only so that
        # "General Assembly" inside one is not found on its own
        chambers = [f"{state} {chamber}" for state in tables["states"] for chamber in setting["state_chambers"]]
        self._statehouse_words = _whole_words(setting["statehouse"] + chambers + setting["not_statehouse"])
        self._not_statehouse = frozenset(w.casefold() for w in setting["not_statehouse"])
        self._congress_words = _whole_words(setting["congress"])
        affiliation = tables["affiliation"]
        self.registered = frozenset(w.lower() for w in affiliation["registered"])
        self.listed = frozenset(w.lower() for w in affiliation["listed"])

    @cached_property
    def committee_words(self) -> list[tuple[Committee, frozenset[str], frozenset[str]]]:
        """Each committee with the words that tell it apart: its own name's, its parent's."""
        def words(name: str) -> frozenset[str]:
            return frozenset(w for w in fold(name).split() if w not in self.committee_noise)

        return [(c, words(c.name), words(c.parent)) for c in rosters().committees]

    def set_abroad(self, title: str, body: str) -> tuple[str, ...]:
        """The places and peoples outside the U.S. that the body names, when it names at
        least ``min_foreign`` different ones and neither title nor body names anything of
        the U.S. (else nothing)."""
        if self._us_words.search(title) or self._us_words.search(body):
            return ()
        found: dict[str, str] = {}  # "MEXICO" and "Mexico" are one place
        for word in self._foreign_words.findall(body):
            found.setdefault(word.casefold(), word)
        return tuple(found.values()) if len(found) >= self.min_foreign else ()

    def set_in_statehouse(self, title: str, body: str) -> tuple[str, ...]:
        """The state legislatures' chambers that the title and body name ("Vermont House",
        "state Senate"), if any, and none if they speak of Congress too."""
        text = f"{title}\n{body}"
        if self._congress_words.search(text):
            return ()
        found: dict[str, str] = {}
        for word in self._statehouse_words.findall(text):
            if word.casefold() not in self._not_statehouse:
                found.setdefault(word.casefold(), word)
        return tuple(found.values())

    # -- coverage -------------------------------------------------------------------------

    def period(self, office: str) -> str:
        """The years in which the office's roster is complete: "1789–June 2026"."""
        spec = self.offices[office]
        return f"{spec['complete_from']}–{self.end(spec)}"

    def end(self, spec: dict[str, Any]) -> str:
        if spec["complete_to"] == "snapshot":
            year, month = rosters().snapshot.split("-")[:2]
            return f"{MONTHS[int(month) - 1]} {year}"
        return str(spec["complete_to"])

    def can_contradict(self, office: str, former: bool) -> bool:
        """Whether the roster lists every holder for the period the claim is about: since
        the office took its name for a "former" claim, up to the snapshot for a present one."""
        spec = self.offices[office]
        since_start = spec["complete_from"] <= spec["established"]
        return since_start if former else since_start and spec["complete_to"] == "snapshot"

    def place(self, code: str) -> str:
        return self.state_name.get(code, code)


def _whole_words(words: list[str]) -> re.Pattern[str]:
    """One pattern for ``words`` as whole words ("U.S." too), as written or, from four
    letters on, in capitals (a dateline: "WASHINGTON (AP) —"); longest first."""
    forms = set(words) | {w.upper() for w in words if len(w) >= 4}
    alternation = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?!\w)")


@lru_cache(maxsize=8)
def knowledge(lexicon: Lexicon) -> Knowledge:
    return Knowledge(lexicon)


# -- verdicts --------------------------------------------------------------------------------


# "(R-Ohio)", ", D-Ohio": a party and a state after the name, how papers write a member of Congress.
_PARTY_CODE = re.compile(r"[(,][ ]*(?:[DRI]|Dem|Rep|Ind)\.?[ ]?[-–]")


class _Setting:
    """Whether the article is set outside the U.S. (Knowledge.set_abroad) or in a state
    legislature (Knowledge.set_in_statehouse), worked out once per article and only when a
    verdict needs it."""

    def __init__(self, k: Knowledge, doc: Document):
        self.k, self.doc = k, doc
        self._found: tuple[str, ...] | None = None
        self._statehouse: tuple[str, ...] | None = None

    def abroad(self) -> tuple[str, ...]:
        if self._found is None:
            self._found = self.k.set_abroad(self.doc.title or "", self.doc.body)
        return self._found

    def statehouse(self) -> tuple[str, ...]:
        if self._statehouse is None:
            self._statehouse = self.k.set_in_statehouse(self.doc.title or "", self.doc.body)
        return self._statehouse


def judge(person: Person, k: Knowledge, doc: Document, setting: _Setting | None = None) -> Verdict:
    """The verdict on one person from everything the article claims about them."""
    name = person.name
    if not name:
        m = person.first
        return Verdict("", "unidentifiable", "unnamed-authority",
                       f"No name: “{_words(doc, m)}” cannot be looked up or asked.", m)
    # "Rep. Chuck Ward …; Ward, of Hendersonville, …": one mention saying the office is not a
    # U.S. one is enough for all of them.
    elsewhere = {m.office for m in person.mentions if m.office and m.elsewhere}
    office_mentions = [m for m in person.mentions if m.office and m.office not in elsewhere]
    setting = setting or _Setting(k, doc)
    office = _office(person, office_mentions, k, setting) if office_mentions else None
    if office is not None and (office.verdict == "contradicted" or office.excused):
        # no such officeholder: what they are said to chair is moot; or another country's
        # or a state's officeholder, whose committee no U.S. roster lists
        return office
    chair = next((m for m in person.mentions if m.committee), None)
    if elsewhere and not office_mentions:
        chair = None  # "state Senator Ana Ruiz, who chairs the Senate Finance Committee": a state's committee
    verdict = _chair(person, chair, k, doc) if chair is not None else None
    if verdict is not None or office is not None:
        return verdict or office
    # What an office title means when it is not (or cannot be) a U.S. one: "President Macron",
    # "Russian President Vladimir Putin" are heads of state elsewhere.
    claimed = [m.office for m in office_mentions] or sorted(elsewhere)
    fallback = {k.offices[o]["otherwise"] for o in claimed if k.offices[o].get("otherwise")}
    return _unchecked(person, k, fallback, doc)


def _office(person: Person, mentions: list[Mention], k: Knowledge, setting: _Setting) -> Verdict | None:
    m = mentions[0]
    office = m.office
    spec = k.offices[office]
    name = person.name
    full = len(name.split()) >= 2
    former = any(x.former for x in mentions)
    records = rosters().named(name) if full else rosters().surnamed(name)
    holders = [(p, t) for _, p in records for t in p.held(office)]
    label, roster = spec["label"], spec["roster"]
    if holders:
        held_in = {t.state for _, t in holders}
        wrong = next((x for x in person.mentions if x.state and x.state not in held_in), None)
        if spec.get("states") and wrong is not None:
            held = _list(sorted({k.place(t.state) for _, t in holders if t.state}))
            return Verdict(name, "contradicted", "contradicted",
                           f"{holders[0][0].name} is in {roster} as {label} for {held}, not "
                           f"{k.place(wrong.state)}.", wrong)
        return Verdict(name, "verified", "verified", _confirmed(name, full, holders, spec, k), m)
    if spec.get("otherwise") and not m.united_states:
        return None  # "President Macron": a head of state elsewhere, not a U.S. claim
    what = f"named {name}" if full else f"with the surname {name}"
    if full:
        # "Sen. Jimmy Risch": a holder with the surname and the same initial is probably the
        # same person under another form of the first name; not a contradiction.
        initial = name_key(name)[:1]
        alike = [(p, t) for _, p in rosters().surnamed(name.split()[-1]) for t in p.held(office)
                 if name_key(p.name)[:1] == initial]
        if alike:
            return Verdict(name, "unverified", "unverified",
                           f"No {label} named exactly {name} in {roster}, but it lists "
                           f"{_list(sorted({p.name for p, _ in alike}))}: the same person under another "
                           f"form of the name?", m, searchable=True)
    if not k.can_contradict(office, former):
        return Verdict(name, "unverified", "unverified",
                       f"No {label} {what} in {roster}, which is complete for {k.period(office)} only; "
                       f"a later holder would be missing.", m, searchable=full)
    others = [(p, t) for _, p in records for t in p.tenures]
    if spec.get("congress") and any(p.last_office_only and k.offices[t.office].get("congress") for p, t in others):
        # A former member whose earlier offices the roster does not keep may have held this one.
        held = _list(sorted({_office_label(t, k) for p, t in others if p.last_office_only}))
        who = name if full else f"A member named {name}"
        return Verdict(name, "unverified", "unverified",
                       f"{who} is in {roster} as a former {held}; it keeps only a former member's last "
                       f"office, so it cannot say whether they were ever {_a(label)}.", m, searchable=full)
    if others and full:
        held = _list(sorted({_office_label(t, k) for _, t in others}))
        return Verdict(name, "contradicted", "contradicted",
                       f"{name} is in credlib's U.S. rosters as {held}, never as {label} ({roster}, "
                       f"{k.period(office)}).", m)
    missing = f"No {label} {what} in {roster}, {k.period(office)}"
    if spec.get("abroad") and not any(x.united_states or x.state for x in mentions) and (abroad := setting.abroad()):
        # "Senator Penny Wong told the Senate …" in a piece about Canberra
        places = _list([f"“{p}”" for p in abroad[:3]])
        return Verdict(name, "unverified", "unverified",
                       f"{missing}; but the article is set outside the U.S. (it names {places} and nothing "
                       "American), where the title may be another country's office.", m, searchable=full,
                       excused=True)
    titles = {t.lower() for t in spec.get("statehouse", ())}
    body = setting.doc.body
    if (titles and all(x.title.rstrip(".").lower() in titles and not x.united_states
                       and not (x.state and _PARTY_CODE.search(body, x.name_start, x.end)) for x in mentions)
            and (chambers := setting.statehouse())):
        # "Representative Alice Kittredge" in a piece about the Vermont House: a state
        # legislator has the title too, and no roster here lists state legislators
        named = _list([f"“{c}”" for c in chambers[:3]])
        return Verdict(name, "unverified", "unverified",
                       f"{missing}; but the article is about a state legislature (it names {named}), so this may "
                       "be a state legislator, whom credlib's rosters do not cover.", m, searchable=full,
                       excused=True)
    return Verdict(name, "contradicted", "contradicted", f"{missing}.", m)


def _confirmed(name: str, full: bool, holders: list[tuple[Holder, Tenure]], spec: dict, k: Knowledge) -> str:
    people: dict[str, list[Tenure]] = {}
    for p, t in holders:
        people.setdefault(p.name, []).append(t)
    shown = []
    for holder, tenures in list(people.items())[:2]:
        places = _list(sorted({k.place(t.state) for t in tenures if t.state}))
        terms = ", ".join(x for x in (_term(t) for t in sorted(tenures, key=lambda t: t.start)) if x)
        detail = "; ".join(x for x in (places, terms) if x)
        shown.append(f"{holder} ({detail})" if detail else holder)
    more = f" and {len(people) - 2} more" if len(people) > 2 else ""
    roster = spec["roster"][0].upper() + spec["roster"][1:]
    return f"{roster} lists {'; '.join(shown)}{more} as {spec['label']}."


def _term(t: Tenure) -> str:
    if not t.start:
        return ""
    if not t.end or t.end > rosters().snapshot:
        return f"since {t.start[:4]}"
    return f"{t.start[:4]}–{t.end[:4]}"


def _chair(person: Person, m: Mention, k: Knowledge, doc: Document) -> Verdict | None:
    """A claimed committee chair against the current committee roster."""
    if doc.date and doc.date[:10] < k.committees_from:
        return None  # an article from before this Congress: its chairs were others
    phrase = m.committee or ""
    words = fold(phrase).split()
    claimed = {w for w in words if w not in k.committee_noise}
    if not claimed:
        return None
    chamber = "senate" if "senate" in words else "house" if "house" in words else None
    if chamber is None and m.office:
        chamber = k.offices[m.office].get("chamber")
    sub = "subcommittee" in words
    scored = []
    for row, (c, own, parent) in enumerate(k.committee_words):
        if (chamber and c.chamber != chamber) or bool(c.parent) != sub:
            continue
        if claimed <= own | parent:
            scored.append((len(claimed & parent), -len(own | parent), row, c))
    if not scored:
        return None
    best = max(s[0] for s in scored)
    candidates = [c for score, _, _, c in scored if score == best]
    name = person.name
    rows = {row for row, _ in (rosters().named(name) if len(name.split()) >= 2 else rosters().surnamed(name))}
    when = k.end({"complete_to": "snapshot"})
    if any(rows & set(c.chairs) for c in candidates):
        c = next(c for c in candidates if rows & set(c.chairs))
        return Verdict(name, "verified", "verified",
                       f"The congressional committee roster ({when}) lists {name} as chair of the {c.full_name}.", m)
    snapshot = rosters().snapshot
    sitting = any(t.end > snapshot and k.offices[t.office].get("congress") for row in rows
                  for t in rosters().person(row).tenures)
    if rows and not sitting:
        return None  # a former member: the claim is about a Congress whose chairs the roster lacks
    if all(c.chairs for c in candidates) and len(candidates) <= 3:
        given = "; ".join(
            f"the {c.full_name} to {_list([rosters().person(r).name for r in c.chairs])}" for c in candidates
        )
        return Verdict(name, "contradicted", "contradicted",
                       f"The congressional committee roster ({when}) gives the chair of {given}, not {name}.", m)
    return None


def _unchecked(person: Person, k: Knowledge, fallback: set[str], doc: Document) -> Verdict:
    """People no roster checks: heads of state and government, officials, experts.

    ``fallback`` holds what an office title means when it is not a U.S. one ("President
    Macron" is a head of state elsewhere)."""
    name = person.name
    kinds = (person.kinds - {"office"}) | fallback
    if any(m.elsewhere for m in person.mentions if m.office):
        kinds |= {"official"}  # "state Senator Ana Ruiz": an office no roster here holds
    m = person.first
    full = len(name.split()) >= 2
    org = next(iter(person.claims("org")), None)
    found = None
    head = _head(org) if org else ""
    unlisted = ""
    if head in k.registered or head in k.listed:
        found = institutions().resolve(org)
        if found is None and head in k.registered:
            m = next(x for x in person.mentions if x.org == org)
            return Verdict(name, "unidentifiable", "unidentifiable",
                           f"No institution called “{org}” in the registry of research organisations (ROR) "
                           f"or the world universities list, so {name}’s affiliation cannot be checked.", m)
        if found is None:
            unlisted = f"; “{org}” is not in the institution registry either (it does not list every institute)"
    if "leader" in kinds:
        title = next((x.title for x in person.mentions if "leader" in x.kinds or x.office), m.title)
        return Verdict(name, "unverified", "leader",
                       f"{title} {name}: a head of state or government, identifiable by the office; credlib's "
                       f"offline rosters cover U.S. offices only.", m, searchable=True,
                       query=None if full else f"{title} {name}")
    official = "official" in kinds
    if not full and official:
        # "Mayor Adams", "Secretary Rubio": a public office and a surname point to one person.
        return Verdict(name, "unverified", "unverified",
                       f"“{_words(doc, m)}”: a title and a surname, identifiable through the office but in no "
                       f"offline source credlib has.", m, searchable=True, query=_words(doc, m))
    if not full:
        return Verdict(name, "unidentifiable", "unidentifiable",
                       f"Only a title and a surname (“{_words(doc, m)}”): no full name to look up.", m)
    if not official and org is None:
        return Verdict(name, "unidentifiable", "unidentifiable",
                       f"{name} is presented as an expert (“{_words(doc, m)}”) with no affiliation to check.", m)
    role = next((x.title for x in person.mentions if x.title and not x.title[0].isupper()), None)
    role = role or next((x.title for x in person.mentions if x.title), "")
    where = f"; {found.name} ({found.country}) is in the institution registry" if found else unlisted
    claim = ", ".join(x for x in (role, org) if x)
    return Verdict(name, "unverified", "unverified",
                   f"{name} ({claim}) is in no offline source credlib has{where}.", m, searchable=True)


def _head(org: str) -> str:
    """The word that says what an organisation is: "Halden |School| of Economics",
    "Alder State |University|", "Michigan |Association| of Public School Academies"."""
    words = re.findall(r"\w+", org.split(" of ")[0])
    return words[-1].lower() if words else ""


def _office_label(t: Tenure, k: Knowledge) -> str:
    spec = k.offices.get(t.office, {"label": t.office})
    return spec["label"] + (f" for {k.place(t.state)}" if t.state else "")


def _a(label: str) -> str:
    return ("an " if label[:1].lower() in "aeiou" and not label.startswith("U.S.") else "a ") + label


def _list(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _words(doc: Document, m: Mention) -> str:
    return " ".join(doc.body[m.start : m.end].split())


# -- the signal ------------------------------------------------------------------------------


@signal(
    "people.unverifiable",
    "Unverifiable authorities",
    "Named people presented as authorities, checked against public rosters: verified, contradicted (a complete roster has no such officeholder, or a different office, state or chair), unverified (identifiable but in no offline source: search link given) or unidentifiable (no full name or affiliation, or a university in no registry).",
)
def unverifiable_people(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    lexicon = ctx.lexicon
    k = knowledge(lexicon)
    found = [m for m in find_mentions(doc, patterns(lexicon)) if not doc.in_boilerplate(m.start, m.end)]
    try:
        setting = _Setting(k, doc)
        verdicts = [judge(person, k, doc, setting) for person in people(found)]
    except DataError as exc:
        return ctx.not_applicable(f"The offline rosters could not be read: {exc}")
    verdicts += _pattern_entries(doc, ctx, found)
    if ctx.config.online:
        from ..wikidata import verify_online

        verdicts = verify_online(verdicts)
    return _result(doc, ctx, k, verdicts)


def _pattern_entries(doc: Document, ctx: Context, found: list[Mention]) -> list[Verdict]:
    """Entries with patterns (a user's lexicon may add them: "a celebrated pundit") report
    unnamed authorities, where no mention found by the rules already covers the words."""
    out = []
    for match in ctx.matches(doc, "body"):
        if doc.in_quote(match.start, match.end) or doc.in_boilerplate(match.start, match.end):
            continue
        if any(m.start < match.end and match.start < m.end for m in found):
            continue
        mention = Mention(start=match.start, end=match.end, name="", name_start=match.start,
                          kinds=frozenset({"unnamed"}))
        out.append(Verdict("", "unidentifiable", match.entry.id, match.entry.message, mention))
    return out


def _result(doc: Document, ctx: Context, k: Knowledge, verdicts: list[Verdict]):
    lexicon = ctx.lexicon
    findings = []
    kept: list[Verdict] = []
    for v in verdicts:
        entry = lexicon.get(v.entry)
        if entry is None:
            continue
        extra: dict[str, Any] = {"person": v.person, "verdict": v.verdict}
        if v.searchable and v.person:
            extra["search_url"] = k.search_url.format(query=quote_plus(v.query or f'"{v.person}"'))
        if v.note:
            extra["online"] = v.note
        finding = ctx.finding(entry, doc, "body", v.mention.start, v.mention.end, message=v.message, extra=extra)
        if finding is not None:
            findings.append(finding)
            kept.append(v)
    scoring = lexicon.tables["scoring"]
    if not findings and (too_short := ctx.too_short(doc, "whether it cites authorities a reader cannot check")):
        return too_short
    contradicted = other = unverified = relief = 0.0
    for v in kept:
        weight = ctx.weight(lexicon.entry(v.entry))
        if v.verdict == "contradicted":
            contradicted += weight
        elif v.verdict == "verified":
            relief += weight
        elif v.verdict == "unverified":
            unverified += weight
        else:
            other += weight
    # "Unverified" says what credlib's tables lack, not what the article lacks: however
    # many identifiable people an article names, together they weigh at most this much.
    other += min(unverified, scoring["max_unverified"])
    score = saturate(contradicted + max(0.0, other - relief), scoring["half"])
    counts = {name: sum(1 for v in kept if v.verdict == name)
              for name in ("verified", "contradicted", "unverified", "unidentifiable")}
    return ctx.result(score, _summary(kept, counts, scoring["max_named_in_summary"]), findings,
                      metrics={**counts, "authorities": len(kept)})


def _summary(kept: list[Verdict], counts: dict[str, int], limit: int) -> str:
    if not kept:
        return "No one is presented as an authority by name or title."
    parts = []
    if counts["contradicted"]:
        parts.append(f"{plural(counts['contradicted'], 'claimed office')} contradicted by public rosters")
    if counts["unidentifiable"]:
        parts.append(f"{plural(counts['unidentifiable'], 'authority', 'authorities')} cannot be identified")
    if counts["unverified"]:
        parts.append(f"{counts['unverified']} not in any offline source")
    if counts["verified"]:
        parts.append(f"{counts['verified']} confirmed by a roster")
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    order = {"contradicted": 0, "unverified": 1, "unidentifiable": 2}
    to_check = []
    for v in sorted(kept, key=lambda v: order.get(v.verdict, 3)):
        if v.verdict != "verified" and v.person and v.person not in to_check:
            to_check.append(v.person)
    if to_check:
        shown = ", ".join(to_check[:limit]) + (f" and {len(to_check) - limit} more" if len(to_check) > limit else "")
        text += f". Names to check: {shown}"
    return text + "."


def offline_verdicts(doc: Document, lexicon: Lexicon) -> list[Verdict]:
    """The verdicts without the report around them (for tests and the benchmark)."""
    k = knowledge(lexicon)
    setting = _Setting(k, doc)
    return [judge(p, k, doc, setting) for p in people(find_mentions(doc, patterns(lexicon)))]


__all__ = ["Verdict", "judge", "offline_verdicts", "unverifiable_people"]
