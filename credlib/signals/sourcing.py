"""sourcing.anonymous and sourcing.vague: claims resting on sources nobody can check.

Both count *claims* (sentences), not phrases: "Sources close to the delegation,
speaking on condition of anonymity, said …" is one claim with two findings.  An
anonymous source whose sentence (or the next) gives a reason for the anonymity — "…
because they were not authorized to discuss the talks" — is responsible practice and
weighs a third as much.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from ..document import Document
from ..lexicon import Lexicon, to_regex
from ..registry import Context, plural, saturate, signal

REASON_FACTOR = 1 / 3  # weight of an anonymous claim whose reason for anonymity is given
HALF_CONCERN = 1.5  # claims' weight (per ~600 words) at which the concern reaches 0.5
DENSITY_WORDS = 600


@lru_cache(maxsize=8)
def _reasons(lexicon: Lexicon) -> re.Pattern[str] | None:
    patterns = lexicon.tables.get("reasons", {}).get("patterns", [])
    if not patterns:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(to_regex(p) for p in patterns) + r")(?!\w)")


def _by_claim(doc: Document, ctx: Context):
    """Lexicon findings in the body, grouped by sentence: {sentence span: [(match, finding)]}."""
    claims: dict[tuple[int, int], list] = {}
    for m in ctx.matches(doc, "body"):
        if doc.in_boilerplate(m.start, m.end):
            continue
        claims.setdefault(doc.sentence_at(m.start), []).append(m)
    return claims


def density_total(total: float, words: int) -> float:
    """Weights per ~600 words: five anonymous claims weigh more in 300 words than in 3,000."""
    return total / max(1.0, math.sqrt(words / DENSITY_WORDS))


def quoted_examples(texts: list[str], limit: int = 2) -> str:
    unique = list(dict.fromkeys(t.lower() for t in texts))
    shown = ", ".join(f"“{t}”" for t in unique[:limit])
    return shown + (f" and {len(unique) - limit} more" if len(unique) > limit else "")


@signal(
    "sourcing.anonymous",
    "Anonymous sourcing",
    "Claims resting on unnamed sources (“sources close to…”, “people familiar with…”, “speaking on condition of anonymity”), noting whether a reason for anonymity is given.",
)
def anonymous_sourcing(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    reasons = _reasons(ctx.lexicon)
    findings = []
    total = 0.0
    claims = with_reason = 0
    for (s_start, s_end), matches in sorted(_by_claim(doc, ctx).items()):
        reason = _reason(doc, (s_start, s_end), reasons) if reasons else None
        claim_findings = []
        for m in matches:
            extra = {"reason_given": reason is not None}
            if reason is not None:
                extra["reason"] = doc.body[reason.start() : reason.end()]
            finding = ctx.finding(
                m.entry, doc, "body", m.start, m.end,
                message=m.entry.message + (" (reason for anonymity given)" if reason else ""),
                severity="info" if reason else None,
                extra=extra,
            )
            if finding is not None:
                claim_findings.append((m, finding))
        if not claim_findings:
            continue
        claims += 1
        with_reason += reason is not None
        weight = max(ctx.weight(m.entry) for m, _ in claim_findings)
        total += weight * (REASON_FACTOR if reason else 1.0)
        findings.extend(f for _, f in claim_findings)
    if not claims:
        summary = "No claim rests on unnamed sources."
    else:
        if with_reason == 0:
            why = "none says why anonymity was granted" if claims > 1 else "it does not say why anonymity was granted"
        elif with_reason == claims:
            why = "each says why anonymity was granted" if claims > 1 else "it says why anonymity was granted"
        else:
            why = f"{with_reason} of them {'says' if with_reason == 1 else 'say'} why anonymity was granted"
        summary = f"{plural(claims, 'claim rests', 'claims rest')} on unnamed sources; {why}."
    score = saturate(density_total(total, doc.word_count), HALF_CONCERN)
    return ctx.result(score, summary, findings, metrics={"claims": claims, "claims_with_reason": with_reason})


# A following sentence that refers back to the sources ("They spoke on condition of
# anonymity because …") can carry the reason for the claim before it.
_BACK_REFERENCE = re.compile(
    r"[\"“]?(?:they|he|she|both|all|those|these|the (?:officials?|sources?|people|persons?|aides?|diplomats?|"
    r"executives?|staffers?|insiders?|negotiators?|employees?|advisers?|advisors?|officers?|two|three))\b"
)


def _reason(doc: Document, sentence: tuple[int, int], reasons: re.Pattern[str]) -> re.Match[str] | None:
    """The fullest statement of a reason for anonymity for a claim in ``sentence``."""
    found = list(reasons.finditer(doc.body_lower, *sentence))
    following = doc.sentence_after(sentence)
    if not found and following is not None and _BACK_REFERENCE.match(doc.body_lower, following[0]):
        found = list(reasons.finditer(doc.body_lower, *following))
    # The last statement is the substantive one: "anonymity because | he was not authorized …".
    return max(found, key=lambda m: (m.start(), m.end()), default=None)


@signal(
    "sourcing.vague",
    "Vague attribution",
    "Claims attributed to nobody in particular: “experts say”, “analysts believe”, “according to recent reports”, “critics pointed to”, “many are saying”, “reportedly”.",
)
def vague_sourcing(doc: Document, ctx: Context):
    if not doc.body.strip():
        return ctx.not_applicable("No body text to check.")
    findings = []
    total = 0.0
    claims = 0
    for _, matches in sorted(_by_claim(doc, ctx).items()):
        found = [(m, ctx.finding(m.entry, doc, "body", m.start, m.end)) for m in matches]
        found = [(m, f) for m, f in found if f is not None]
        if not found:
            continue
        claims += 1
        total += max(ctx.weight(m.entry) for m, _ in found)
        findings.extend(f for _, f in found)
    if not claims:
        summary = "No claim is attributed to unnamed experts, reports or crowds."
    else:
        examples = quoted_examples([f.text for f in findings])
        summary = f"{plural(claims, 'claim is', 'claims are')} attributed to nobody in particular: {examples}."
    score = saturate(density_total(total, doc.word_count), HALF_CONCERN)
    return ctx.result(score, summary, findings, metrics={"claims": claims})
