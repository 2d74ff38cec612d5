"""text.language and text.readability: informational signals, never part of the score.

The language decides whether the English word lists apply (see ``Signal.english_only``)
and lowers the report's confidence when they do not.  Readability is the Flesch–Kincaid
grade and Flesch reading ease from textstat, measured on the opening of the body (up to
``READABILITY_SAMPLE`` characters, cut at a sentence end): enough for a stable figure at
a cost that does not grow with the article.

Syllables are counted with Pyphen's English hyphenation patterns (textstat with the
language tag ``en-US``), not with textstat's CMUdict lookup: loading CMUdict takes about
1.3 s, more than credlib's whole start-up budget.  Hyphenation points undercount some
syllables ("a-bout"), so grades run about a point lower than CMUdict-based ones.
"""

from __future__ import annotations

from functools import lru_cache

from ..document import Document
from ..language import MIN_WORDS
from ..registry import Context, plural, signal

READABILITY_MIN_WORDS = 100
MAX_WORDS_PER_SENTENCE = 60  # more on average: the text is not punctuated into sentences
READABILITY_SAMPLE = 1200


@signal(
    "text.language",
    "Language",
    "The language of the body, detected by langdetect (seeded, deterministic). Informational; a language other than English lowers the report's confidence.",
    english_only=False,
    informational=True,
    has_lexicon=False,
)
def language(doc: Document, ctx: Context):
    guess = doc.language
    metrics = {"language": guess.code, "method": guess.reason, "function_word_share": guess.function_word_share}
    if guess.probability is not None:
        metrics["probability"] = guess.probability
    if guess.code == "und":
        return ctx.not_applicable(f"Language undetermined: {guess.reason} (at least {MIN_WORDS} are needed).", metrics)
    if guess.code == "en":
        how = (
            f"{guess.function_word_share:.0%} of the opening words are English function words"
            if guess.probability is None
            else f"langdetect probability {guess.probability:.2f}"
        )
        return ctx.result(0.0, f"English ({how}).", (), metrics)
    return ctx.result(
        0.0,
        f"{guess.name} (langdetect probability {guess.probability:.2f}). credlib's word lists are English only, "
        "so the sourcing, wording and headline checks were not run and confidence is lower.",
        (),
        metrics,
    )


@lru_cache(maxsize=1)
def _textstat():
    from textstat.textstat import textstatistics

    stats = textstatistics()
    stats.set_lang("en-US")  # Pyphen syllables; see the module docstring
    return stats


@lru_cache(maxsize=65536)
def _syllables(token: str) -> int:
    """textstat's syllable count for one whitespace-separated token, kept per token.

    textstat counts a text's syllables word by word (punctuation removed, Pyphen's
    hyphenation points per word), so its count for a text is the sum of its counts for
    the text's tokens; the words of news prose repeat from article to article, and a
    token's count is found once.
    """
    return _textstat().syllable_count(token)


def grade_and_ease(text: str) -> tuple[float, float]:
    """(Flesch–Kincaid grade, Flesch reading ease) of ``text``, from textstat's counts.

    The same figures as textstat's ``flesch_kincaid_grade`` and ``flesch_reading_ease``
    (the published formulas over textstat's word, sentence and syllable counts), with
    the syllables counted per token through :func:`_syllables`.
    """
    return _formulas(*counts(text))


def counts(text: str) -> tuple[int, int, int]:
    """(words, sentences, syllables) of ``text``, counted as textstat counts them."""
    stats = _textstat()
    return stats.lexicon_count(text), stats.sentence_count(text), sum(map(_syllables, text.split()))


def _formulas(words: int, sentences: int, syllables: int) -> tuple[float, float]:
    if not words or not sentences or not syllables:
        return 0.0, 0.0
    per_sentence = words / sentences
    per_word = syllables / words
    return 0.39 * per_sentence + 11.8 * per_word - 15.59, 206.835 - 1.015 * per_sentence - 84.6 * per_word


def _sample(doc: Document) -> str:
    if len(doc.body) <= READABILITY_SAMPLE:
        return doc.body
    cut = 0
    for start, end in doc.sentences:
        if end > READABILITY_SAMPLE:
            break
        cut = end
    return doc.body[: cut or READABILITY_SAMPLE]


def ease_band(ease: float) -> str:
    for floor, band in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                        (50, "fairly difficult"), (30, "difficult")):
        if ease >= floor:
            return band
    return "very difficult"


@signal(
    "text.readability",
    "Readability",
    "Reading grade (Flesch–Kincaid) and reading ease (Flesch) from textstat. Informational: hard or easy prose says nothing about truth.",
    informational=True,
    has_lexicon=False,
)
def readability(doc: Document, ctx: Context):
    if doc.word_count < READABILITY_MIN_WORDS:
        return ctx.not_applicable(f"Too short for a reading-level estimate ({doc.word_count} of {READABILITY_MIN_WORDS} words needed).")
    sample = _sample(doc)
    words, sentences, syllables = counts(sample)
    if not syllables:
        return ctx.not_applicable("No words to estimate a reading level from.")
    if words > MAX_WORDS_PER_SENTENCE * max(1, sentences):
        # the formulas read an unpunctuated run (or a list without stops) as one sentence: grade 80
        return ctx.not_applicable(
            f"Too little sentence punctuation for a reading-level estimate ({words} words in "
            f"{plural(sentences, 'sentence')})."
        )
    grade, ease = (round(figure, 1) for figure in _formulas(words, sentences, syllables))
    metrics = {"flesch_kincaid_grade": grade, "flesch_reading_ease": ease, "characters_sampled": len(sample)}
    return ctx.result(0.0, f"Reading grade {grade} (Flesch–Kincaid); reading ease {ease:.0f}, {ease_band(ease)}.", (), metrics)
