"""Offline knowledge for ``people.unverifiable``: public rosters and an institution registry.

Two tables ship inside the package, built by ``scripts/build_people_data.py`` from the
reference data beside the project (see ``docs/data-sources.md``):

``data/people_rosters.tsv``
    people who held U.S. offices (Congress, president and vice president, U.S. Trade
    Representatives, cabinet and senior posts, governors) with their tenures, every
    spelling of their names as lookup keys, and the current congressional committees
    with their chairs;
``data/institutions.tsv``
    research organisations (ROR) and universities, with their names and aliases as keys.

Each is read once, on first use (:func:`rosters`, :func:`institutions`), into
dictionaries: a lookup is a dictionary access.  Which years each office's roster covers
completely is declared with the office in the signal's lexicon, not here.

File format: a header of ``#`` comment lines, then sections, each starting with a line
``@name``; one record per line, fields separated by tabs; no comments inside sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .names import fold, name_key, name_keys

DATA_DIR = Path(__file__).parent / "data"
ROSTERS_FILE = DATA_DIR / "people_rosters.tsv"
INSTITUTIONS_FILE = DATA_DIR / "institutions.tsv"

_UNIVERSITY_OF = re.compile(r"^university of (?P<place>[\w ]+)$")
_X_UNIVERSITY = re.compile(r"^(?P<place>[\w ]+) university$")


class DataError(RuntimeError):
    """A shipped table is missing or malformed (a broken installation, not a user mistake)."""


@dataclass(frozen=True)
class Tenure:
    office: str
    state: str  # postal code, or "" when the office is not held for a state
    start: str  # ISO date, or "" when the roster does not say
    end: str  # ISO date (may lie after the snapshot: a term still running), or ""


@dataclass(frozen=True)
class Person:
    name: str
    tenures: tuple[Tenure, ...]
    # The roster keeps only this person's last office (former members of Congress):
    # earlier offices are unknown, not absent.
    last_office_only: bool

    def held(self, office: str) -> tuple[Tenure, ...]:
        return tuple(t for t in self.tenures if t.office == office)


@dataclass(frozen=True)
class Committee:
    chamber: str  # "senate" | "house" | "joint"
    code: str
    name: str  # "Senate Committee on Finance" or, for a subcommittee, its own name
    parent: str  # the full committee of a subcommittee, or ""
    chairs: tuple[int, ...]  # people (row numbers in the roster)

    @property
    def full_name(self) -> str:
        return f"{self.parent} Subcommittee on {self.name}" if self.parent else self.name


def _sections(path: Path) -> dict[str, str]:
    """Each section's text (its lines, without the ``@name`` line), by name."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path} is missing: reinstall credlib or run scripts/build_people_data.py") from None
    sections: dict[str, str] = {}
    at = text.find("\n@")  # what comes before the first section is the header
    while at >= 0:
        head_end = text.find("\n", at + 2)
        if head_end < 0:
            break  # an empty last section
        following = text.find("\n@", head_end)
        end = len(text) if following < 0 else following
        sections[text[at + 2 : head_end].strip()] = text[head_end + 1 : end].rstrip("\n")
        at = following
    if not sections:
        raise DataError(f"{path} has no sections")
    return sections


def _lines(block: str) -> list[str]:
    return block.split("\n") if block else []


def _index(block: str) -> dict[str, str]:
    """``key<TAB>value`` lines as a dictionary (built at C speed: no Python loop per line)."""
    if not block:
        return {}
    parts = block.replace("\t", "\n").split("\n")
    if len(parts) % 2:
        raise DataError("an index section has a line without a tab")
    return dict(zip(parts[0::2], parts[1::2]))


def _ids(value: str | None) -> list[int]:
    return [int(i) for i in value.split(",")] if value else []


class Rosters:
    """People who held U.S. offices, looked up by name; congressional committees."""

    def __init__(self, path: Path = ROSTERS_FILE):
        sections = _sections(path)
        meta = _index(sections["meta"])
        self.snapshot: str = meta["snapshot"]  # the date of the newest data (ISO)
        self.sources: str = meta.get("sources", "")
        self._people = _lines(sections["people"])
        self._names = _index(sections["names"])
        self._surnames = _index(sections["surnames"])
        self.committees: tuple[Committee, ...] = tuple(
            Committee(chamber, code, name, parent, tuple(_ids(chairs)))
            for chamber, code, name, parent, chairs in (line.split("\t") for line in _lines(sections["committees"]))
        )

    def __len__(self) -> int:
        return len(self._people)

    def everyone(self) -> Iterator[Person]:
        """Every person in the roster, in row order."""
        return (self.person(row) for row in range(len(self._people)))

    def person(self, row: int) -> Person:
        name, flags, tenures = self._people[row].split("\t")
        return Person(
            name=name,
            tenures=tuple(Tenure(*t.split("|")) for t in tenures.split(";") if t),
            last_office_only="L" in flags,
        )

    def named(self, written: str) -> list[tuple[int, Person]]:
        """Everyone a written full name may refer to ("Sen. Michael F. Bennet" -> Michael Bennet)."""
        for key in name_keys(written):
            rows = _ids(self._names.get(key))
            if rows:
                return [(row, self.person(row)) for row in rows]
        return []

    def surnamed(self, surname: str) -> list[tuple[int, Person]]:
        """Everyone with this surname ("Hyde-Smith", "Luján")."""
        return [(row, self.person(row)) for row in _ids(self._surnames.get(name_key(surname)))]


@lru_cache(maxsize=1)
def rosters() -> Rosters:
    """The people rosters, read on first use."""
    return Rosters()


# -- institutions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Institution:
    name: str
    country: str  # ISO 3166 alpha-2


def institution_key(name: str) -> str:
    """The key an institution name is compared under: folded, without a leading "the"."""
    key = fold(name)
    return key[4:] if key.startswith("the ") else key


def institution_variants(name: str) -> tuple[str, ...]:
    """Keys to try for a written institution name, exact first.

    "Tokyo University" is commonly written for "University of Tokyo" and the reverse, so
    each form is also tried as the other — but only when the exact name is not itself in
    the registry ("Tokyo University of Science" is its own institution).  "Penn State
    University" is also tried as the short name "Penn State".
    """
    key = institution_key(name)
    keys = [key]
    m = _UNIVERSITY_OF.match(key)
    if m and " of " not in f" {m['place']} ":
        keys.append(f"{m['place']} university")
    m = _X_UNIVERSITY.match(key)
    if m and " of " not in f" {m['place']} ":
        keys.append(f"university of {m['place']}")
        keys.append(m["place"])  # "Penn State University": registered as "Penn State"
    return tuple(keys)


class Institutions:
    """Research organisations and universities by every name they go by."""

    def __init__(self, path: Path = INSTITUTIONS_FILE):
        sections = _sections(path)
        self._records = _lines(sections["institutions"])
        self._keys = _index(sections["keys"])

    def resolve(self, written: str) -> Institution | None:
        for key in institution_variants(written):
            row = self._keys.get(key)
            if row is not None:
                name, country = self._records[int(row)].split("\t")
                return Institution(name, country)
        return None


@lru_cache(maxsize=1)
def institutions() -> Institutions:
    """The institution registry, read on first use."""
    return Institutions()
