"""Build the offline tables of people.unverifiable from the reference data.

    python scripts/build_people_data.py [--data ../shared/data] [--out credlib/data]

Reads (never copies) the raw files beside the project and writes two compact tables
into the package:

* ``people_rosters.tsv``: holders of U.S. offices with their tenures and name keys,
  and the current congressional committees with their chairs, from
  congress-legislators (legislators, executive, committees, membership) and
  us-executive (Wikidata cabinet holders 2000–2022, FiveThirtyEight USTRs 1977–2018);
* ``institutions.tsv``: research organisations (ROR) and universities (Hipo
  university-domains-list) with every name they go by, as institution keys.

Which offices exist, their titles and how complete their rosters are is declared in
``credlib/lexicons/en/people_unverifiable.toml``.  The output is deterministic (sorted
records, no timestamps): running the script again on the same data gives the same
bytes, which a test checks against the shipped files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from credlib.lexicon import load  # noqa: E402
from credlib.names import name_key, name_keys  # noqa: E402
from credlib.rosters import INSTITUTIONS_FILE, ROSTERS_FILE, institution_key  # noqa: E402

SIGNAL = "people.unverifiable"
CHAIR_TITLES = {"Chairman", "Chair", "Chairwoman", "Cochairman", "Co-Chairman", "Co-Chair"}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _yaml(path: Path):
    import yaml  # only the build needs PyYAML (the test extra installs it)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def _clean(value) -> str:
    return " ".join(str(value or "").split())


class Builder:
    """Collects people and their tenures; one record per person."""

    def __init__(self, offices: dict, states: dict[str, list[str]]):
        self.offices = offices
        self.state_code = {name: forms[0] for name, forms in states.items()}
        self.records: list[dict] = []
        self._by_id: dict[str, dict] = {}

    def person(
        self, ident: str | None, display: str, forms: list[str], surname: str, last_office_only: bool = False
    ) -> dict:
        """The record for ``ident`` (created on first use); ``forms`` are name spellings."""
        record = self._by_id.get(ident) if ident else None
        if record is None:
            record = {"name": display, "forms": set(), "surnames": set(), "tenures": set(), "last": last_office_only}
            self.records.append(record)
            if ident:
                self._by_id[ident] = record
        record["forms"].update(f for f in (_clean(_PARENTHESIS.sub("", x)) for x in forms) if f)
        record["surnames"].add(name_key(surname))
        return record

    def find(self, office: str, display: str) -> dict | None:
        """An existing record holding ``office`` under the same name key (to merge sources)."""
        key = name_key(display)
        for record in self.records:
            if any(t[0] == office for t in record["tenures"]) and key in {name_key(f) for f in record["forms"]}:
                return record
        return None


def _merge_terms(terms: list[tuple[str, str, str, str]]) -> set[tuple[str, str, str, str]]:
    """Consecutive terms in the same office and state as one tenure."""
    merged: list[list[str]] = []
    for office, state, start, end in sorted(terms, key=lambda t: (t[0], t[1], t[2])):
        last = merged[-1] if merged else None
        if last and last[0] == office and last[1] == state and start <= _next_day_tolerance(last[3]):
            last[3] = max(last[3], end)
        else:
            merged.append([office, state, start, end])
    return {tuple(t) for t in merged}


def _next_day_tolerance(end: str) -> str:
    """Terms that start within a few weeks of the last one's end continue it (Jan 3 -> Jan 4)."""
    if not end:
        return end
    year, month, day = (int(x) for x in end.split("-"))
    month += 2
    if month > 12:
        year, month = year + 1, month - 12
    return f"{year:04d}-{month:02d}-{min(day, 28):02d}"


def congress(builder: Builder, data: Path) -> None:
    """Members of Congress (full history for sitting members, last term for former ones),
    presidents and vice presidents."""
    types = {spec["congress"]: oid for oid, spec in builder.offices.items() if "congress" in spec}
    executive_types = {spec["executive"]: oid for oid, spec in builder.offices.items() if "executive" in spec}
    for member in _yaml(data / "congress-legislators" / "legislators-current.yaml"):
        record = builder.person(
            "bioguide:" + member["id"]["bioguide"], _display(member["name"]), _forms(member), member["name"]["last"]
        )
        terms = [(types[t["type"]], t.get("state", ""), t["start"], t["end"]) for t in member["terms"] if t["type"] in types]
        record["tenures"] |= _merge_terms(terms)
    with (data / "congress-legislators" / "legislators-historical.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["type"] not in types:
                continue
            first = row["nickname"] or row["first_name"]
            display = _clean(row["full_name"]) or _clean(f"{first} {row['middle_name']} {row['last_name']} {row['suffix']}")
            forms = [
                f"{row['first_name']} {row['last_name']}",
                f"{row['first_name']} {row['middle_name']} {row['last_name']}",
                f"{row['nickname']} {row['last_name']}" if row["nickname"] else "",
                # known by the middle name ("J. William Fulbright": James William)
                f"{row['middle_name']} {row['last_name']}" if len(row["middle_name"].strip(".")) > 1 else "",
                row["full_name"],
                row["wikipedia_id"],
            ]
            record = builder.person("bioguide:" + row["bioguide_id"], display, forms, row["last_name"], last_office_only=True)
            record["tenures"].add((types[row["type"]], row["state"], "", ""))
    for person in _yaml(data / "congress-legislators" / "executive.yaml"):
        ident = "bioguide:" + person["id"]["bioguide"] if person["id"].get("bioguide") else None
        record = builder.person(ident, _display(person["name"]), _forms(person), person["name"]["last"])
        terms = [(executive_types[t["type"]], "", t["start"], t["end"]) for t in person["terms"] if t["type"] in executive_types]
        record["tenures"] |= _merge_terms(terms)


def _display(name: dict) -> str:
    first = name.get("nickname") or name["first"]
    return _clean(name.get("official_full") or f"{first} {name['last']}")


def _forms(member: dict) -> list[str]:
    name = member["name"]
    ids = member.get("id", {})
    forms = [
        f"{name['first']} {name['last']}",
        f"{name['first']} {name.get('middle', '')} {name['last']}",
        name.get("official_full", ""),
        ids.get("wikipedia", ""),
        ids.get("ballotpedia", ""),
    ]
    if name.get("nickname"):
        forms.append(f"{name['nickname']} {name['last']}")
    if name.get("middle") and len(name["middle"].strip(".")) > 1:
        forms.append(f"{name['middle']} {name['last']}")  # known by the middle name ("Mitch McConnell": Addison Mitchell)
    return forms


def cabinet(builder: Builder, data: Path) -> None:
    """Cabinet and senior posts 2000–2022 (Wikidata via EveryPolitician) and USTRs 1977–2018."""
    positions: dict[str, str] = {}
    wildcard: list[tuple[str, str]] = []
    for oid, spec in builder.offices.items():
        for position in spec.get("positions", ()):
            if position.endswith("*"):
                wildcard.append((position[:-1], oid))
            else:
                positions[position] = oid
    with (data / "us-executive" / "holders21-us-cabinet.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            oid, state = positions.get(row["position"]), ""
            for prefix, office in wildcard:
                if row["position"].startswith(prefix):
                    state = builder.state_code.get(row["position"][len(prefix):].strip(), "")
                    oid = office if state else None
            if oid is None:
                continue
            name = _clean(row["person"])
            record = builder.person("wikidata:" + row["personID"], name, [name, row["enwiki"]], _surname(name))
            record["tenures"].add((oid, state, row["start"], row["end"]))
    ustr = next(oid for oid, spec in builder.offices.items() if spec.get("ustr_list"))
    with (data / "us-executive" / "ustr-1977-2018.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = _clean(row["Appointee"])
            start = _us_date(row["Start Date"])
            end = _us_date(row["End Date"])
            record = builder.find(ustr, name) or builder.person(None, name, [name], _surname(name))
            tenures = {t for t in record["tenures"] if t[0] == ustr and t[2][:4] == start[:4]}
            if not tenures:  # the Wikidata list already has this tenure otherwise
                record["tenures"].add((ustr, "", start, end))


def _surname(name: str) -> str:
    """The last word of a name that is given whole ("Thomas A. Shannon, Jr." -> "Shannon")."""
    words = [w for w in name.replace(",", " ").split() if name_key(w)]
    return words[-1] if words else name


def _us_date(value: str) -> str:
    value = value.strip()
    return datetime.strptime(value, "%m/%d/%Y").strftime("%Y-%m-%d") if value else ""


def committees(data: Path, bioguide_rows: dict[str, int]) -> list[str]:
    current = _yaml(data / "congress-legislators" / "committees-current.yaml")
    membership = _yaml(data / "congress-legislators" / "committee-membership-current.yaml")

    def chairs(code: str) -> str:
        rows = sorted({bioguide_rows[m["bioguide"]] for m in membership.get(code, ())
                       if m.get("title") in CHAIR_TITLES and m.get("bioguide") in bioguide_rows})
        return ",".join(str(r) for r in rows)

    lines = []
    for committee in current:
        code = committee["thomas_id"]
        lines.append("\t".join([committee["type"], code, _clean(committee["name"]), "", chairs(code)]))
        for sub in committee.get("subcommittees", ()):
            sub_code = code + sub["thomas_id"]
            lines.append("\t".join([committee["type"], sub_code, _clean(sub["name"]), _clean(committee["name"]), chairs(sub_code)]))
    return sorted(lines)


def build_rosters(data: Path) -> str:
    lexicon = load(SIGNAL)
    offices = lexicon.tables["offices"]
    builder = Builder(offices, lexicon.tables["states"])
    congress(builder, data)
    cabinet(builder, data)
    snapshot = (data / "congress-legislators" / "SOURCE_COMMIT").read_text(encoding="utf-8").split()
    commit, date = snapshot[0], snapshot[1]

    def line(record: dict) -> str:
        tenures = ";".join("|".join(t) for t in sorted(record["tenures"]))
        return "\t".join([record["name"], "L" if record["last"] else "", tenures])

    people = sorted(builder.records, key=lambda r: (name_key(r["name"]), line(r)))
    rows = {id(r): i for i, r in enumerate(people)}
    bioguide_rows = {ident.split(":", 1)[1]: rows[id(r)] for ident, r in builder._by_id.items() if ident.startswith("bioguide:")}
    names: dict[str, set[int]] = defaultdict(set)
    surnames: dict[str, set[int]] = defaultdict(set)
    for record in people:
        row = rows[id(record)]
        for form in record["forms"] | {record["name"]}:
            for key in name_keys(form):
                if " " in key:
                    names[key].add(row)
        for surname in record["surnames"]:
            surnames[surname].add(row)
    out = [
        "# credlib people rosters: holders of U.S. offices and current congressional committee chairs.",
        "# Generated by scripts/build_people_data.py from ../shared/data; do not edit by hand.",
        "# Sources and licences: docs/data-sources.md.  Columns: see credlib/rosters.py.",
        "@meta",
        f"snapshot\t{date}",
        f"sources\tcongress-legislators {commit[:12]}; us-executive holders21 and ustr-1977-2018",
        "@people",
        *(line(r) for r in people),
        "@names",
        *(f"{k}\t{','.join(str(r) for r in sorted(v))}" for k, v in sorted(names.items())),
        "@surnames",
        *(f"{k}\t{','.join(str(r) for r in sorted(v))}" for k, v in sorted(surnames.items())),
        "@committees",
        *committees(data, bioguide_rows),
    ]
    return "\n".join(out) + "\n"


# -- institutions -------------------------------------------------------------------------


def _latin(text: str) -> bool:
    """Names in Latin script only: an English article writes "University of Tokyo"."""
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in text)


def build_institutions(data: Path) -> str:
    lexicon = load(SIGNAL)
    affiliation = lexicon.tables["affiliation"]
    words = "|".join(re.escape(w.lower()) for w in affiliation["registered"] + affiliation["listed"])
    institutional = re.compile(rf"\b(?:{words})\b")
    by_id: dict[str, list[dict]] = defaultdict(list)
    with gzip.open(data / "institutions" / "ror_names_active.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_id[row["ror_id"]].append(row)
    records: list[tuple[str, str, list[str]]] = []
    known: set[str] = set()
    for ror_id in sorted(by_id):
        rows = by_id[ror_id]
        for row in rows:
            known.add(institution_key(row["name"]))
        names = [
            r["name"] for r in rows
            if r["name_type"] != "acronym" and _latin(r["name"])
            and (r["name_type"] in ("ror_display", "alias") or r["lang"] in ("", "en"))
        ]
        # An institution the signal may look up (its name says what it is) keeps every name
        # it goes by, short forms included ("Penn State" for Pennsylvania State University).
        keys = sorted({institution_key(n) for n in names}) if any(institutional.search(n.lower()) for n in names) else []
        if keys:
            records.append((_display_name(rows), rows[0]["country"], keys))
    with gzip.open(data / "institutions" / "world_universities_and_domains.json.gz", "rt", encoding="utf-8") as handle:
        universities = json.load(handle)
    for university in sorted(universities, key=lambda u: (u["name"], u["alpha_two_code"] or "")):
        key = institution_key(university["name"])
        if key in known or not _latin(university["name"]):
            continue
        known.add(key)
        records.append((_clean(university["name"]), university["alpha_two_code"] or "", [key]))
    # "University of California", "University of Texas": systems whose campuses the registry
    # lists as "University of California, Berkeley", "The University of Texas at Austin";
    # the name before the campus is an institution too.
    systems: dict[str, tuple[str, str]] = {}
    for name, country, _ in records:
        prefix = re.split(r", | at | in ", name)[0]
        key = institution_key(prefix)
        if prefix != name and institutional.search(prefix.lower()) and key not in known:
            systems.setdefault(key, (re.sub(r"^The ", "", prefix), country))
    records += [(name, country, [key]) for key, (name, country) in systems.items()]
    records.sort()
    keys: dict[str, int] = {}
    lines = []
    for row, (name, country, names) in enumerate(records):
        lines.append(f"{name}\t{country}")
        for key in names:
            keys.setdefault(key, row)  # a name two institutions share points at the first
    out = [
        "# credlib institution registry: research organisations (ROR) and universities (Hipo).",
        "# Generated by scripts/build_people_data.py from ../shared/data; do not edit by hand.",
        "# Sources and licences: docs/data-sources.md.  Columns: see credlib/rosters.py.",
        "@institutions",
        *lines,
        "@keys",
        *(f"{k}\t{v}" for k, v in sorted(keys.items())),
    ]
    return "\n".join(out) + "\n"


def _display_name(rows: list[dict]) -> str:
    for kinds, langs in ((("ror_display",), None), (("label", "alias"), ("en",)), (("label", "alias", "ror_display"), None)):
        for row in rows:
            if row["name_type"] in kinds and (langs is None or row["lang"] in langs) and _latin(row["name"]):
                return _clean(row["name"])
    return _clean(rows[0]["name"])


def build(data: Path) -> dict[str, str]:
    """The tables' contents by file name."""
    return {ROSTERS_FILE.name: build_rosters(data), INSTITUTIONS_FILE.name: build_institutions(data)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the reference data folder")
    parser.add_argument("--out", type=Path, default=ROSTERS_FILE.parent, help="where to write the tables")
    args = parser.parse_args(argv)
    if not (args.data / "congress-legislators").is_dir():
        print(f"build_people_data: no reference data at {args.data}", file=sys.stderr)
        return 2
    for name, content in build(args.data).items():
        path = args.out / name
        with io.open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        print(f"{path}: {len(content.encode('utf-8')):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
