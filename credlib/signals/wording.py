"""wording.loaded: charged, hyperbolic or derogatory wording in the writer's own voice.

The body is checked; the headline has its own signal (headline.sensational).
A loaded word inside a quotation is reporting what someone said, not the writer's
choice, and is not a finding.  Scare quotes — one to three words put in quotation
marks without anyone being quoted ("the 'experts' behind the plan") — are the writer's
device, and are; a short quotation in a sentence that names who said it ("she told the
court her client was 'deeply ashamed'") is reporting, and is not.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..document import Document
from ..lexicon import Lexicon, to_regex
from ..registry import Context, plural, saturate, signal
from .sourcing import density_total, quoted_examples

_SAID_AFTER = re.compile(r"[\s,]*(?:\w+\s+){0,2}(?:said|says|wrote|writes|added|asked|told)\b")

HALF_CONCERN = 2.0
_WORD = re.compile(r"[^\W_][\w’'-]*")


@lru_cache(maxsize=8)
def _scare_tables(lexicon: Lexicon) -> tuple[int, re.Pattern[str], re.Pattern[str]]:
    table = lexicon.tables.get("scare_quotes", {})

    def alternation(key: str) -> str:
        return "|".join(to_regex(c) for c in table.get(key, []))

    # "(?<![\w-])": "so-called" is the opposite of a reporting cue.
    # Up to three words may stand between the cue and the quotation ("called the plan …").
    near = re.compile(r"(?<![\w-])(?:" + alternation("reporting_cues") + r")(?!\w)(?:\s+[\w'’-]+){0,3}[\s,:]*$")
    # A verb of saying earlier in the sentence makes the quotation reported speech:
    # 'she told the court her client was "deeply ashamed"'.
    in_sentence = re.compile(r"(?<![\w-])(?:" + alternation("sentence_cues") + r")(?!\w)")
    return int(table.get("max_words", 3)), near, in_sentence


def scare_quotes(doc: Document, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Short quotations that nobody is quoted saying."""
    max_words, reporting, said_before = _scare_tables(lexicon)
    spans = []
    first_cue: dict[int, int] = {}  # sentence start -> where its first verb of saying starts (-1: none)
    for quote in doc.quotes:
        if not quote.closed:
            continue
        inner = doc.body[quote.inner_start : quote.inner_end]
        words = _WORD.findall(inner)
        if not 1 <= len(words) <= max_words or inner.rstrip()[-1:] in ",.!?…":
            continue  # empty, a sentence, or a speech fragment ("Yes," she said)
        if all(w[0].isupper() for w in words):
            continue  # a name or a title: "Hamlet", "Operation Sandstorm"
        if doc.in_outer_quote(quote.start, quote.end):
            continue  # 'the so-called ‘reform’' inside a quotation: the speaker's marks, not the writer's
        s_start, s_end = doc.sentence_at(quote.start)
        before = doc.body_lower[max(s_start, quote.start - 60) : quote.start]
        if quote.start - s_start < 2 or reporting.search(before):
            continue
        cue = first_cue.get(s_start)
        if cue is None:  # each sentence searched once, however many quotations it holds
            found = said_before.search(doc.body_lower, s_start, max(s_end, quote.start))
            cue = first_cue[s_start] = found.start() if found else -1
        if 0 <= cue < quote.start:
            continue
        after = doc.body_lower[quote.end : quote.end + 30]
        if _SAID_AFTER.match(after):
            continue
        spans.append((quote.start, quote.end))
    return spans


# "Maddox said the budget was a disgrace": a named speaker's words, reported without
# quotation marks, are theirs as a quotation would be, and so are the words of a speaker
# named by their role or a body the story is about ("his lawyer told the court", "the
# union called the offer a disgrace", "Prosecutors say").  A crowd or an unnamed source
# ("Critics say", "Sources said") does not make a loaded word anyone's but the writer's.
_GROUPS = (
    "Sources?|Critics?|Experts?|Analysts?|Insiders?|Observers?|Officials?|Many|Some|Others|People|Residents|Fans|"
    "Reports?|Studies|They|It|This|That|These|Those|There|We|Everyone|Everybody|Nobody|Police|Witnesses|Authorities|"
    "Republicans|Democrats|Conservatives|Liberals|Opponents|Supporters|Protesters|Campaigners|Voters|Locals|"
    "Yesterday|Today|However|Meanwhile|Later|Earlier|Then|Now|Still|Also|But|And|So"
)
# The verbs that report a named speaker's words ("told" needs its listener: "told reporters";
# "say" for speakers in the plural: "Prosecutors say"),
# and those that report the speaker's name for something ("called the inquiry a witch hunt",
# "dismissed it as a sham").
_REPORTING_VERBS = (
    "said", "says", "say", "told", "argued", "argues", "claimed", "claims", "insisted", "insists", "complained",
    "complains", "alleged", "alleges", "wrote", "writes", "called", "calls", "described", "describes",
    "dismissed", "dismisses", "branded", "brands", "denounced", "denounces",
)
# Of those, the verbs that give the speaker's name for a thing: the thing itself is named in
# the writer's words ("called the brazen shooting a crime"), its new name in the speaker's,
# after "as" or an article that follows the thing ("dismissed it as a sham", "called the
# inquiry a witch hunt").
_NAMING_VERBS = frozenset({"called", "calls", "described", "describes", "dismissed", "dismisses", "branded",
                           "brands", "denounced", "denounces"})
_OBJECT_WORD = r"(?!(?:to|for|of|on|at|in|by|from|with|after|before|when|while|as|because|about|off|out|up)\b)[\w’'-]+"
# The article a loaded phrase may begin with ("a disgrace"): the complement's, before the name.
_ARTICLE = re.compile(r"an? ")
_COMPLEMENT = re.compile(
    rf"(?:it|him|her|them|this|that|(?:the|his|her|their|its|this|that|these|those|[A-Z][\w’'-]*)(?:[ ]+{_OBJECT_WORD}){{0,3}})"
    rf"[ ]+(?:as[ ]+(?:an?[ ]+|the[ ]+)?|an?[ ]+)(?:{_OBJECT_WORD}[ ]+){{0,2}}\Z"
)
# Whom a speaker told: "told reporters", "told the jury", "told the BBC".
_LISTENERS = (
    "reporters|journalists|jury|jurors|court|judge|committee|council|hearing|audience|crowd|parliament|senate|"
    "house|assembly|meeting|press|media|newspaper|paper|radio|station|board|panel|inquiry|investigators|police|"
    "supporters|members|staff|delegates|lawmakers|legislators|students|residents|voters"
)
# A person named by their office, who a reader can identify: "the mayor", "the city's lawyer".
_OFFICES = (
    "mayor|minister|president|governor|senator|judge|spokesman|spokeswoman|spokesperson|chief|director|"
    "chairman|chairwoman|chair|prosecutor|lawyer|attorney|commissioner|secretary|premier|chancellor|"
    "councillor|councilor|executive|coach|manager|principal|sheriff|superintendent"
)
# A body that speaks as one, named by "the", "its" or the like: "the union", "the ministry".
_BODIES = (
    "union|company|firm|ministry|department|government|council|committee|court|agency|board|club|charity|"
    "party|commission|regulator|watchdog|authority|inquiry|school|university|hospital|trust|bank|airline|"
    "federation|association|league|organisation|organization|group|prosecution|defence|defense"
)
# People by their role, in the plural: the story's prosecutors, its club's members.  They
# may stand without a determiner ("Prosecutors say"); a crowd (_GROUPS: "Critics",
# "Officials", "Police") is not among them.
_ROLES = (
    "prosecutors|lawyers|attorneys|members|investigators|inspectors|auditors|judges|ministers|councillors|"
    "councilors|trustees|directors|organisers|organizers|regulators|managers|owners"
)
# A speaker named by office, body or role, behind a determiner or a possessive ("the
# judge", "his lawyer", "a company spokesman", "Kell's lawyer", "the club's members"; one
# word may stand between) or, for a plural role, behind none ("Prosecutors", "members").
_ROLE_PHRASE = (
    r"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Aa]n?|[A-Z][a-z’'-]+['’]s) (?:[a-z’'-]+ )?"
    rf"(?:{_OFFICES}|{_BODIES}|{_ROLES})"
)
_ROLE_SPEAKER = rf"(?:{_ROLE_PHRASE}|(?i:{_ROLES}))"
# Before the words, a plural role without a determiner is looked for only where a clause
# starts: with a capital ("Prosecutors say …") or after a comma ("After the raid,
# prosecutors said …"); trying every word in lower case cost more than it found.
_ROLE_SPEAKER_BEFORE = (
    "(?:" + _ROLE_PHRASE + "|" + "|".join(r.capitalize() for r in _ROLES.split("|")) + rf"|(?<=, )(?:{_ROLES}))"
)
# The short time phrase a speaker's verb may carry after the words: "…, Holt said on Tuesday."
_WHEN = (
    r"(?:[ ]+(?:on [A-Z][a-z]+(?: \d{1,2})?(?: (?:morning|afternoon|evening|night))?|"
    r"(?:last|this) (?:week|month|year|night|morning|afternoon|evening|weekend|[A-Z][a-z]+)|"
    r"yesterday|today|tonight|earlier|later))?"
)
# A surname's prefix before an inner capital ("McConnell", "DeVos", "O’Neill").
_PREFIX = r"(?:Mc|Mac|O['’]|D['’]|De|Di|La|Le)"
# A full name, or one capitalised word that is not a group, an adverb or a plural (a
# surname with an inner capital is never a plural: "DeVos").
_SPEAKER = (
    rf"(?:{_PREFIX}?[A-Z][a-z’'-]+ {_PREFIX}?[A-Z][a-z’'-]+|(?!(?:" + _GROUPS + rf")\b)"
    rf"(?:{_PREFIX}[A-Z][a-z’'-]+|[A-Z][a-z’'-]*[a-rt-z’']))"
)
# A speaker and their reporting verb: one speaker or two ("Smith and Jones said"), or one
# named by role (_ROLE_SPEAKER_BEFORE), perhaps with their role between commas ("Jane Smith, the
# mayor, said"); "told" with its listener ("told the BBC").  The words it reports follow,
# up to the next clause break.
# (At a word start, and only where a capital, a determiner, "according" or a comma's
# plural role can begin: most words of a sentence are passed over at once.)
_SPEAKER_VERB = re.compile(
    rf"(?<![^\s(])(?=[A-Z]|(?:t(?:he|heir)|h(?:is|er)|its|an?|according) |(?<=, )(?:{_ROLES}) )"
    rf"(?:(?:(?=[A-Z])(?:{_SPEAKER}(?: and {_SPEAKER})?)|{_ROLE_SPEAKER_BEFORE})"
    r"(?:, (?:the |a |an )?[a-z][a-z’' -]{0,40},)?"
    r",? (?:" + "|".join(v for v in _REPORTING_VERBS if v != "told")
    + rf"|told (?:the |a |an )?(?:[a-z]+ )?(?:{_LISTENERS})|told (?:the )?(?:[a-z]+ )?[A-Z][A-Za-z’'-]+) "
    rf"|[Aa]ccording to (?:{_SPEAKER}(?: and {_SPEAKER})?|{_ROLE_SPEAKER}), )"
)
# Words that make a name or office part of a longer noun phrase, whose head is the speaker.
_LINKS = frozenset({"of", "to", "for", "with", "from", "about", "against", "by", "on", "at", "near", "behind",
                    "around", "under", "like", "than"})
# The verbs that name a speaker after the words: "The inquiry is a witch hunt, said Kell."
_AFTER_VERBS = ("said", "says", "say", "added", "argued", "insisted", "wrote")
# Any of the verbs above, or "according to": a sentence without one names no speaker.  Both
# speaker patterns take them as whole words (spaces, a comma or a bracket around them), so
# the document's word index says where they are.
_ANY_VERB_WORDS = tuple(dict.fromkeys(_REPORTING_VERBS + _AFTER_VERBS + ("according",)))
_AFTER_VERB = "(?:" + "|".join(_AFTER_VERBS) + ")"
# "…, said Kell", "…, the judge said on Friday", "…, according to his lawyer".
_SPEAKER_AFTER = re.compile(
    rf",[ ]*(?:(?:{_AFTER_VERB} (?:{_SPEAKER}|{_ROLE_SPEAKER})|(?:{_SPEAKER}|{_ROLE_SPEAKER}) {_AFTER_VERB}){_WHEN}"
    rf"|according to (?:{_SPEAKER}|{_ROLE_SPEAKER}))"
    r"(?=[ ]*(?:[,.;:!?…]|$))"  # the speaker closes the clause: not ", Kell said the town would rebuild"
)
_CLAUSE_BREAK = re.compile(r"[,;:—–()]")

# How far back in its sentence a loaded word's speaker is looked for: a speaker and
# their reporting verb come within a clause of the words they report, and a bound keeps a
# page-long "sentence" with thousands of matches from costing each of them the whole page.
REPORTED_REACH = 400


class _ReportedSpeech:
    """Whether the words at a place are a named speaker's, reported in the same sentence
    ("Maddox said the budget was a disgrace"): a speaker and a reporting verb before them
    within REPORTED_REACH characters, no clause break between the verb and them, and no
    " but ".  Each sentence is read once, however many loaded words it has."""

    def __init__(self, doc: Document):
        self.doc = doc
        self._read: dict[tuple[int, int], tuple[list[int], list[int], list[int], list[int], set[int]]] = {}
        index = doc.body_index
        # where a verb of _ANY_VERB_WORDS stands (a word in lower case: the patterns ask for more)
        self._verbs = sorted(pos for verb in _ANY_VERB_WORDS for pos in index.positions(verb))

    def __call__(self, start: int) -> bool:
        sentence = self.doc.sentence_at(start)
        read = self._read.get(sentence)
        if read is None:
            read = self._read[sentence] = self._read_sentence(sentence)
        speaker_starts, verb_ends, breaks, buts, naming = read
        if self._speaker_after(start, sentence, breaks):
            return True
        i = bisect_right(verb_ends, start) - 1  # the last speaker and verb before ``start``
        if i < 0:
            return False
        window = max(sentence[0], start - REPORTED_REACH)
        if speaker_starts[i] < window:
            return False
        j = bisect_left(breaks, verb_ends[i])
        if j < len(breaks) and breaks[j] < start:
            return False  # a clause break between the verb and these words
        if i in naming:
            named = self.doc.body[verb_ends[i] : start]
            article = _ARTICLE.match(self.doc.body, start)  # "a disgrace": the name's article is in the match
            if not _COMPLEMENT.match(named + article.group() if article else named):
                return False  # "called the brazen shooting …": the thing named is in the writer's words
        k = bisect_left(buts, window)
        return not (k < len(buts) and buts[k] + 5 <= start)

    def _speaker_after(self, start: int, sentence: tuple[int, int], breaks: list[int]) -> bool:
        """The words up to the clause's end are a speaker's named after them: "…, said Kell"."""
        j = bisect_right(breaks, start)
        return j < len(breaks) and bool(_SPEAKER_AFTER.match(self.doc.body, breaks[j], sentence[1]))

    def _read_sentence(self, sentence: tuple[int, int]) -> tuple[list[int], list[int], list[int], list[int], set[int]]:
        speaker_starts: list[int] = []
        verb_ends: list[int] = []
        naming: set[int] = set()  # which of them name something ("called", "described")
        # the word index first: most sentences have no reporting verb (a search of each
        # sentence for one cost more than the rest of the signal)
        i = bisect_left(self._verbs, sentence[0])
        if i == len(self._verbs) or self._verbs[i] >= sentence[1]:
            return speaker_starts, verb_ends, [], [], naming
        body = self.doc.body
        text = body[sentence[0] : sentence[1]]
        breaks = [sentence[0] + m.start() for m in _CLAUSE_BREAK.finditer(text)]
        for m in _SPEAKER_VERB.finditer(text):
            before = text[: m.start()].rsplit(None, 1)
            if before and before[-1].lower() in _LINKS:
                continue  # "Critics of the mayor said", "a source close to Kell said": not the speaker
            if m.group().rstrip().rsplit(" ", 1)[-1] in _NAMING_VERBS:
                naming.add(len(verb_ends))
            speaker_starts.append(sentence[0] + m.start())
            verb_ends.append(sentence[0] + m.end())
        if not verb_ends:
            return speaker_starts, verb_ends, breaks, [], naming
        buts = []
        at = text.find(" but ")
        while at >= 0:
            buts.append(sentence[0] + at)
            at = text.find(" but ", at + 1)
        return speaker_starts, verb_ends, breaks, buts, naming


@signal(
    "wording.loaded",
    "Loaded wording",
    "Emotionally charged, hyperbolic or derogatory wording in the writer's own voice (quotations and a named speaker's reported words excluded), and scare quotes.",
)
def loaded_wording(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    findings = []
    total = 0.0
    reported_speech = _ReportedSpeech(doc)
    for m in ctx.article_matches(doc):
        if doc.in_quote(m.start, m.end) or reported_speech(m.start):
            continue
        finding = ctx.finding(m.entry, doc, "body", m.start, m.end)
        if finding is not None:
            findings.append(finding)
            total += ctx.weight(m.entry)
    scare = ctx.lexicon.get("scare-quotes")
    if scare is not None and ctx.enabled(scare):
        for start, end in scare_quotes(doc, ctx.lexicon):
            if doc.in_boilerplate(start, end):
                continue
            finding = ctx.finding(scare, doc, "body", start, end)
            if finding is not None:
                findings.append(finding)
                total += ctx.weight(scare)
    if not findings:
        if too_short := ctx.too_short(doc, "its wording"):
            return too_short
        summary = "No loaded wording in the writer's own voice."
    else:
        summary = (
            f"{plural(len(findings), 'loaded word or phrase', 'loaded words or phrases')} "
            f"in the writer's own voice: {quoted_examples([f.text for f in findings], 3)}."
        )
    score = saturate(density_total(total, doc.word_count), HALF_CONCERN)
    return ctx.result(score, summary, findings)
