"""The offline tables of people.unverifiable: size, contents, coverage declarations, and
that scripts/build_people_data.py rebuilds them bit for bit from the reference data."""

import importlib.util
from pathlib import Path


from credlib.lexicon import load
from credlib.rosters import INSTITUTIONS_FILE, ROSTERS_FILE, institutions, rosters

from .helpers import ROOT, require

DATA = ROOT.parent / "shared" / "data"
MAX_BYTES = 5 * 1024 * 1024
OFFICE_KEYS = {"label", "titles", "roster", "established", "complete_from", "complete_to"}


def test_shipped_tables_fit_in_five_megabytes():
    assert ROSTERS_FILE.stat().st_size + INSTITUTIONS_FILE.stat().st_size <= MAX_BYTES


def test_tables_are_read_once():
    assert rosters() is rosters() and institutions() is institutions()


def test_every_office_declares_its_coverage_and_has_holders():
    offices = load("people.unverifiable").tables["offices"]
    held = {t.office for person in rosters().everyone() for t in person.tenures}
    for office, spec in offices.items():
        assert OFFICE_KEYS <= set(spec), office
        assert spec["complete_to"] == "snapshot" or spec["complete_from"] <= spec["complete_to"], office
        assert office in held, f"{office}: no holder in the shipped roster"
    assert held <= set(offices), held - set(offices)


def test_names_are_found_by_their_usual_spellings():
    r = rosters()
    assert [p.name for _, p in r.named("Chuck Schumer")] == ["Charles E. Schumer"]
    assert [p.name for _, p in r.named("Ben Ray Lujan")] == ["Ben Ray Luján"]
    assert [p.name for _, p in r.named("Michael F. Bennet")] == ["Michael F. Bennet"]
    assert {p.name for _, p in r.surnamed("Hyde-Smith")} == {"Cindy Hyde-Smith"}
    assert r.named("Evelyn Hartwell") == []


def _build_module():
    spec = importlib.util.spec_from_file_location("build_people_data", ROOT / "scripts" / "build_people_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_script_reproduces_the_shipped_tables_bit_for_bit():
    require((DATA / "congress-legislators").is_dir(), f"reference data not found at {DATA}: cannot rebuild the tables "
            "here", "CREDLIB_REQUIRE_DATA")
    built = _build_module().build(DATA)
    for path in (ROSTERS_FILE, INSTITUTIONS_FILE):
        assert built[path.name].encode("utf-8") == Path(path).read_bytes(), f"{path.name} differs: rerun the build script"


def _date(text: str):
    from datetime import date

    return date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)


def test_declared_complete_periods_have_no_hole_longer_than_a_vacancy():
    """Where the lexicon says a roster lists every holder, holders follow each other with
    at most a vacancy between them (400 days; vice presidents before the 25th Amendment,
    1967, could stay vacant for years)."""
    offices = load("people.unverifiable").tables["offices"]
    r = rosters()
    terms: dict[tuple[str, str], list] = {}
    for person in r.everyone():
        for t in person.tenures:
            if t.start and not offices[t.office].get("congress"):
                terms.setdefault((t.office, t.state), []).append((_date(t.start), _date(t.end or r.snapshot)))
    holes = []
    for (office, state), spans in sorted(terms.items()):
        spec = offices[office]
        covered = _date(str(spec["complete_from"]))
        end = _date(r.snapshot if spec["complete_to"] == "snapshot" else f"{spec['complete_to']}-06-01")
        for start, stop in sorted(spans):
            if stop < covered:
                continue
            if (start - covered).days > 400 and not (office == "us-vice-president" and start.year < 1967):
                holes.append((office, state, str(covered), str(start)))
            covered = max(covered, stop)
        if (end - covered).days > 400:
            holes.append((office, state, str(covered), str(end)))
    assert holes == []
