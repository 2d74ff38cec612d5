"""people.unverifiable: every verdict on texts written for these tests.

Invented people, outlets and places throughout; real officials appear only in their real
roles (Maria Cantwell, U.S. senator for Washington; John Cornyn, chair of the Senate
Finance trade subcommittee in the 119th Congress; Robert Lighthizer and Carla Hills,
former U.S. Trade Representatives; Donald Trump, President).
"""

import pytest

import credlib
from credlib.authorities import find_mentions, patterns, people
from credlib.lexicon import load
from credlib.names import name_key
from credlib.rosters import institutions

from .helpers import score_checked

SIGNAL = "people.unverifiable"
FILLER = (
    " The committee met in the town hall on a quiet evening and went through its agenda. Members discussed"
    " the state of the paths in the park and the plans for new benches near the pond."
)


def verdicts(body: str, title: str = "Trade talks", **kwargs):
    report, _ = score_checked(body + FILLER, title=title, **kwargs)
    signal = report.signal(SIGNAL)
    return report, signal, [(f.extra["verdict"], f.extra["person"], f.text) for f in signal.findings]


def only(signal):
    assert len(signal.findings) == 1, [f.text for f in signal.findings]
    return signal.findings[0]


# -- contradicted -----------------------------------------------------------------------------


def test_an_invented_senator_is_contradicted_by_the_congressional_roster():
    _, signal, found = verdicts('"The bill will pass," said Senator Evelyn Hartwell on Tuesday.')
    assert found == [("contradicted", "Evelyn Hartwell", "Senator Evelyn Hartwell")]
    finding = only(signal)
    assert finding.severity == "severe"
    assert finding.message == "No U.S. senator named Evelyn Hartwell in the congressional roster, 1789–June 2026."
    assert "fake" not in finding.message.lower()
    assert signal.score > 0.5
    assert "Names to check: Evelyn Hartwell" in signal.summary


def test_names_with_letters_beyond_latin_1_are_found():
    for name in ("Łukasz Żółw", "İlhan Öztürk", "Dušan Čech"):
        _, _, found = verdicts(f'"The bill will pass," said Senator {name} on Tuesday.')
        assert found == [("contradicted", name, f"Senator {name}")]


def test_an_invented_former_trade_representative_is_contradicted_for_the_years_checked():
    _, signal, found = verdicts("Former U.S. Trade Representative Thomas Garrity called the tariffs a mistake.")
    assert found == [("contradicted", "Thomas Garrity", "Former U.S. Trade Representative Thomas Garrity")]
    assert only(signal).message == (
        "No U.S. Trade Representative named Thomas Garrity in the roster of U.S. Trade Representatives, 1977–2022."
    )


def test_a_present_trade_representative_outside_the_rosters_years_is_only_unverified():
    # The roster ends in 2022: a newer holder would be missing, so nothing is contradicted.
    _, signal, found = verdicts("U.S. Trade Representative Marion Quist announced new tariffs.")
    assert found == [("unverified", "Marion Quist", "U.S. Trade Representative Marion Quist")]
    assert "complete for 1977–2022 only" in only(signal).message


def test_a_real_senator_given_the_wrong_state_is_contradicted():
    _, signal, found = verdicts("Sen. Maria Cantwell (D-Ore.) voted against the measure.")
    assert found == [("contradicted", "Maria Cantwell", "Sen. Maria Cantwell (D-Ore.)")]
    assert only(signal).message == "Maria Cantwell is in the congressional roster as U.S. senator for Washington, not Oregon."


def test_a_real_senator_said_to_chair_a_subcommittee_chaired_by_someone_else_is_contradicted():
    body = ("Senator Maria Cantwell, who chairs the Senate Finance subcommittee on international trade, "
            "said the deal would not survive a vote.")
    _, signal, found = verdicts(body)
    assert found == [(
        "contradicted", "Maria Cantwell",
        "Senator Maria Cantwell, who chairs the Senate Finance subcommittee on international trade",
    )]
    message = only(signal).message
    assert message.startswith("The congressional committee roster (June 2026) gives the chair of the Senate Committee on Finance")
    assert "to John Cornyn, not Maria Cantwell" in message


def test_the_real_chair_is_verified():
    _, signal, found = verdicts("Senator John Cornyn, who chairs the Senate Finance subcommittee on international trade, spoke.")
    assert [v for v, _, _ in found] == ["verified"]
    assert "lists John Cornyn as chair of" in only(signal).message


def test_a_state_senator_is_not_checked_against_the_us_senate():
    _, _, found = verdicts("State Senator Evelyn Hartwell said the budget was balanced.")
    assert [v for v, _, _ in found] == ["unverified"]


CANBERRA = (
    "Senator Evelyn Hartwell told the Senate in Canberra on Tuesday that the Australian government had made"
    " every representation it could for the detained writer{extra}. The writer's family thanked the public."
)


def test_a_senator_in_an_article_set_abroad_is_unverified_not_contradicted():
    _, signal, found = verdicts(CANBERRA.format(extra=""))
    assert found == [("unverified", "Evelyn Hartwell", "Senator Evelyn Hartwell")]
    finding = only(signal)
    assert finding.severity != "severe"
    assert finding.message == (
        "No U.S. senator named Evelyn Hartwell in the congressional roster, 1789–June 2026; but the article is set "
        "outside the U.S. (it names “Canberra” and “Australian” and nothing American), where the title may be "
        "another country's office."
    )
    assert finding.extra["search_url"].endswith("%22Evelyn+Hartwell%22")


@pytest.mark.parametrize("title, text", [
    ("Trade talks", CANBERRA.format(extra=" after talks with the U.S.")),  # a word of the U.S. anywhere
    ("Trade talks", CANBERRA.format(extra=", as did the Democrats")),
    ("Trade talks", "WASHINGTON (AP) — " + CANBERRA.format(extra="")),  # a dateline in capitals
    ("Trade talks", CANBERRA.format(extra=" and the Californians")),
    ("U.S. senator presses for release", CANBERRA.format(extra="")),  # in the title
    ("Trade talks", CANBERRA.format(extra="").replace("Senator", "U.S. Senator")),  # the title says which office
    ("Trade talks", CANBERRA.format(extra="").replace("Canberra", "the capital")),  # one foreign word is not enough
    ("Trade talks", CANBERRA.format(extra=" and the Australian people").replace("Canberra", "the capital")),  # twice
    ("Trade talks", "CANBERRA TALKS. " + CANBERRA.format(extra="").replace("Australian", "national")),  # one place
])
def test_an_invented_senator_stays_contradicted_unless_the_article_is_clearly_set_abroad(title, text):
    _, _, found = verdicts(text, title=title)
    assert [v for v, _, _ in found] == ["contradicted"]


@pytest.mark.parametrize("extra", [
    ", a point Tanaiste Simon Harris repeated",  # not a U.S. politician
    " after Sunday Mass",  # not Massachusetts
    " on the eve of the D-Day commemorations",  # not a party tag such as "D-N.Y."
])
def test_words_that_only_look_american_do_not_undo_the_setting(extra):
    _, _, found = verdicts(CANBERRA.format(extra=extra))
    assert [v for v, _, _ in found] == ["unverified"]


def test_a_senator_abroad_said_to_chair_a_committee_is_not_checked_against_us_chairs():
    text = CANBERRA.format(extra="").replace("Hartwell told", "Hartwell, who chairs the Senate Finance Committee, told")
    _, signal, found = verdicts(text)
    assert found == [("unverified", "Evelyn Hartwell", "Senator Evelyn Hartwell, who chairs the Senate Finance Committee")]
    assert "set outside the U.S." in only(signal).message


@pytest.mark.parametrize("text, message", [
    # a real U.S. representative called senator: the rosters know the person, abroad or not
    (CANBERRA.format(extra="").replace("Evelyn Hartwell", "Nancy Pelosi"),
     "Nancy Pelosi is in credlib's U.S. rosters as U.S. representative for California, never as U.S. senator "
     "(the congressional roster, 1789–June 2026)."),
    # an office only the U.S. has
    (CANBERRA.format(extra="").replace("Senator", "Former Trade Representative").replace("Evelyn", "Thomas"),
     "No U.S. Trade Representative named Thomas Hartwell in the roster of U.S. Trade Representatives, 1977–2022."),
])
def test_only_a_missing_holder_of_an_office_other_countries_have_is_excused_abroad(text, message):
    _, signal, found = verdicts(text)
    assert [v for v, _, _ in found] == ["contradicted"]
    assert only(signal).message == message



# A state legislature: its members are senators and representatives too, in no roster here.
STATEHOUSE = (
    "The Vermont House voted 91-52 on Thursday to cap rent increases, sending the bill to the state Senate."
    " {who} said tenants had seen rents rise by a third in three years."
)


def test_a_representative_in_an_article_about_a_state_legislature_is_unverified_not_contradicted():
    _, signal, found = verdicts(STATEHOUSE.format(who="Representative Alice Kittredge"))
    assert found == [("unverified", "Alice Kittredge", "Representative Alice Kittredge")]
    finding = only(signal)
    assert finding.severity != "severe"
    assert finding.message == (
        "No U.S. representative named Alice Kittredge in the congressional roster, 1789–June 2026; but the article "
        "is about a state legislature (it names “Vermont House” and “state Senate”), so this may be a state "
        "legislator, whom credlib's rosters do not cover."
    )
    assert finding.extra["search_url"].endswith("%22Alice+Kittredge%22")


@pytest.mark.parametrize("text", [
    STATEHOUSE.format(who="Representative Dana Whitfield, a Democrat from Burlington,"),
    "The vote was close.\n\nState Senator Dana Whitfield said the cap would help.",  # a qualifier at a line start
    "The cap would help, said state Rep. Dana Whitfield.",
    "Sen. Dana Whitfield, who chairs the Senate Finance Committee, said the Ohio Senate would pass it.",
    "State Senator Dana Whitfield, who chairs the Senate Finance Committee, said the cap would help.",
])
def test_state_legislators_are_not_contradicted_by_the_congressional_rosters(text):
    _, signal, found = verdicts(text)
    assert [(v, p) for v, p, _ in found] == [("unverified", "Dana Whitfield")]
    assert only(signal).severity != "severe"


def test_a_state_in_front_of_a_title_is_not_part_of_the_name():
    body = "COLUMBUS, Ohio — Ohio Senator Ruth Okonjo, who chairs the state Senate finance committee, said it would pass."
    _, signal, found = verdicts(body)
    assert found == [("unverified", "Ruth Okonjo",
                      "Ohio Senator Ruth Okonjo, who chairs the state Senate finance committee")]
    assert only(signal).message.startswith("No U.S. senator named Ruth Okonjo in the congressional roster")


def test_a_town_in_brackets_after_a_name_is_claimed_with_its_closing_bracket():
    _, _, found = verdicts("Senator Mark Halloran (R-Dayton) said he voted against the bill.")
    assert found == [("unverified", "Mark Halloran", "Senator Mark Halloran (R-Dayton)")]


@pytest.mark.parametrize("text", [
    # nothing about a state legislature
    "Senator Gloria Pembrook, chair of the Senate Subcommittee on Natural Medicine, praised the berry.",
    "Ohio Senator Ruth Okonjo, who chairs the finance committee, said the bill would pass.",
    "Senator Evelyn Hartwell told the U.N. General Assembly that the plan would fail.",  # not a state's
    # the title says which office
    STATEHOUSE.format(who="U.S. Senator Evelyn Hartwell"),
    STATEHOUSE.format(who="Congresswoman Evelyn Hartwell"),
    # how national papers describe a member of Congress
    "Representative Alice Quimby, a Democrat from Los Angeles, said on Tuesday that the bill would pass the House.",
    # a legislature that is not a state's, or a piece that speaks of Congress too
    "WASHINGTON — Senator Harold Quince said the bill would make Congress the only legislature able to set tariffs.",
    "Senator Harold Quince said the aid was justified after Ukraine's legislature approved the reforms.",
    "Sen. Harold Quince (R-Ohio) said the bill would pass. Quince, a former member of the Ohio Senate, was elected"
    " to Congress in 2022.",
    "Representative Alice Quimby, who sits on the U.S. House Armed Services Committee, said so. The Virginia General"
    " Assembly passed a resolution.",
])
def test_an_invented_member_of_congress_stays_contradicted_unless_a_state_legislator_is_meant(text):
    _, signal, found = verdicts(text)
    assert [v for v, _, _ in found] == ["contradicted"]
    assert "state legislat" not in only(signal).message


def test_a_name_the_rosters_know_under_another_office_stays_contradicted_in_a_state_legislature():
    _, signal, found = verdicts(STATEHOUSE.format(who="Senator Nancy Pelosi"))
    assert [v for v, _, _ in found] == ["contradicted"]
    assert only(signal).message.startswith("Nancy Pelosi is in credlib's U.S. rosters as U.S. representative")


# -- verified ----------------------------------------------------------------------------------


def test_a_sitting_senator_called_senator_is_verified():
    _, signal, found = verdicts('"We will not sign," said Senator Maria Cantwell of Washington.')
    assert found == [("verified", "Maria Cantwell", "Senator Maria Cantwell of Washington")]
    finding = only(signal)
    assert finding.severity == "info"
    assert finding.message == "The congressional roster lists Maria Cantwell (Washington; since 2001) as U.S. senator."
    assert signal.score == 0


def test_a_quoted_nickname_inside_a_name_is_part_of_it():
    for written in ("Senator Maria “Mia” Cantwell", 'Sen. Maria "Mia" Cantwell'):
        _, signal, found = verdicts(f'"We will not sign," said {written} of Washington.')
        assert found == [("verified", written.split(" ", 1)[1], f"{written} of Washington")]
        assert only(signal).severity == "info"


def test_real_former_trade_representatives_are_verified():
    body = ("Former U.S. Trade Representative Robert Lighthizer defended the tariffs. "
            "Former U.S. Trade Representative Carla Hills disagreed.")
    _, signal, found = verdicts(body)
    assert [(v, p) for v, p, _ in found] == [("verified", "Robert Lighthizer"), ("verified", "Carla Hills")]
    assert "Carla Hills (1989–1993)" in signal.findings[1].message


def test_a_president_called_president_is_verified_by_surname():
    _, signal, found = verdicts("President Trump signed the order on Monday.")
    assert found == [("verified", "Trump", "President Trump")]


# -- unverified ---------------------------------------------------------------------------------


def test_a_named_professor_at_a_real_university_is_unverified_with_a_search_link():
    body = '"Growth will slow," said Jane Moreau, a professor of economics at Georgetown University.'
    _, signal, found = verdicts(body)
    assert found == [("unverified", "Jane Moreau", "Jane Moreau, a professor of economics at Georgetown University")]
    finding = only(signal)
    assert finding.severity == "warning"
    assert finding.extra["search_url"] == "https://en.wikipedia.org/w/index.php?search=%22Jane+Moreau%22"
    assert "Georgetown University (US) is in the institution registry" in finding.message


def test_an_economist_at_a_company_is_unverified():
    _, _, found = verdicts("Omar Haddad, chief economist at Brightwater Bank, expects two rate cuts.")
    assert found == [("unverified", "Omar Haddad", "Omar Haddad, chief economist at Brightwater Bank")]


def test_heads_of_state_and_government_are_not_unidentifiable():
    _, signal, found = verdicts("Prime Minister Ishiba met Chancellor Merz and President Trump in Osaka.")
    assert [(v, p) for v, p, _ in found] == [("unverified", "Ishiba"), ("unverified", "Merz"), ("verified", "Trump")]
    assert [f.entry for f in signal.findings] == ["leader", "leader", "verified"]
    assert all(f.severity == "info" for f in signal.findings)


# -- unidentifiable -----------------------------------------------------------------------------


def test_unnamed_authorities_are_unidentifiable():
    _, signal, found = verdicts("A prominent economist warned of a crash. One expert told the paper the data were faked.")
    assert found == [("unidentifiable", "", "A prominent economist"), ("unidentifiable", "", "One expert")]
    assert {f.entry for f in signal.findings} == {"unnamed-authority"}


def test_an_expert_without_an_affiliation_or_full_name_is_unidentifiable():
    _, signal, found = verdicts("Dr. Lena Foster, a prominent economist, warned of a crash. Professor Whitlock agreed.")
    assert found == [
        ("unidentifiable", "Lena Foster", "Dr. Lena Foster, a prominent economist"),
        ("unidentifiable", "Whitlock", "Professor Whitlock"),
    ]
    assert "no affiliation" in signal.findings[0].message
    assert "no full name" in signal.findings[1].message


def test_an_institution_in_no_registry_makes_the_expert_unidentifiable():
    _, signal, found = verdicts("Tobias Renner, a hydrologist at Alder State University, said the wall would fail.")
    assert found == [("unidentifiable", "Tobias Renner", "Tobias Renner, a hydrologist at Alder State University")]
    assert only(signal).message.startswith("No institution called “Alder State University” in the registry")


def test_institution_names_resolve_with_their_usual_variants():
    registry = institutions()
    assert registry.resolve("Tokyo University").name == "The University of Tokyo"
    assert registry.resolve("the University of Tokyo").name == "The University of Tokyo"
    assert registry.resolve("Tokyo University of Science").name == "Tokyo University of Science"
    assert registry.resolve("Georgetown University").country == "US"
    assert registry.resolve("Alder State University") is None


def test_an_expert_at_tokyo_university_is_identifiable():
    _, signal, found = verdicts("Ken Sato, a professor at Tokyo University, said exports would recover.")
    assert [v for v, _, _ in found] == ["unverified"]
    assert "The University of Tokyo (JP) is in the institution registry" in only(signal).message


# -- people, mentions, score ---------------------------------------------------------------------


def test_surname_follow_ups_are_the_same_person_not_counted_twice():
    body = ("Senator Evelyn Hartwell said the vote was close. Hartwell added that she would abstain. "
            "Later, Senator Hartwell told reporters the bill was dead.")
    _, signal, found = verdicts(body)
    assert found == [("contradicted", "Evelyn Hartwell", "Senator Evelyn Hartwell")]
    assert signal.metrics["authorities"] == 1
    doc = credlib.Document.from_text(body, title="x")
    grouped = people(find_mentions(doc, patterns(load(SIGNAL))))
    assert [(p.name, len(p.mentions)) for p in grouped] == [("Evelyn Hartwell", 2)]


def test_people_named_inside_quotations_are_the_speakers_business():
    _, signal, _ = verdicts('"Ask Senator Evelyn Hartwell what she promised," the mayor said.')
    assert signal.findings == ()


def test_no_authorities_is_no_concern_and_says_so():
    _, signal, _ = verdicts("The council voted on Tuesday to close the library. General Motors said the Premier "
                            "League would move to Queen Street. A representative of the union was there.")
    assert signal.score == 0 and signal.findings == ()
    assert signal.summary == "No one is presented as an authority by name or title."


def test_unverifiable_authorities_score_lower_than_checkable_people():
    checkable = ("\"The deal will not pass,\" said Senator Maria Cantwell of Washington. Former U.S. Trade "
                 "Representative Robert Lighthizer said the tariffs had worked.")
    unverifiable = ("\"The deal will not pass,\" said Dr. Lena Foster, a prominent economist. Tobias Renner, a "
                    "trade scholar at Alder State University, said the tariffs had worked.")
    checked, _, _ = verdicts(checkable)
    unchecked, signal, _ = verdicts(unverifiable)
    assert unchecked.score < checked.score
    assert signal.summary.startswith("2 authorities cannot be identified")
    assert "Names to check: Lena Foster, Tobias Renner" in signal.summary


def test_an_entry_can_be_switched_off():
    config = credlib.Config(disable=("people.unverifiable.leader",))
    _, signal, found = verdicts("Prime Minister Ishiba met President Trump.", config=config)
    assert [p for _, p, _ in found] == ["Trump"]


def test_a_near_name_of_a_real_holder_is_unverified_not_contradicted():
    _, signal, found = verdicts("Sen. Jimmy Risch said the treaty was dead.")
    assert found == [("unverified", "Jimmy Risch", "Sen. Jimmy Risch")]
    assert "it lists James E. Risch" in only(signal).message


def test_a_wrong_state_in_a_later_mention_is_found():
    _, signal, found = verdicts("Sen. Elizabeth Warren, D-Mass., spoke first. Later Sen. Elizabeth Warren, D-Ohio, spoke again.")
    assert found == [("contradicted", "Elizabeth Warren", "Sen. Elizabeth Warren, D-Ohio")]


# Real officials, each in a real role, the way news writes them: none may come out
# contradicted or unidentifiable (offices newer than a roster are at most unverified).
REAL_OFFICIALS = [
    "Sen. Chuck Schumer", "Sen. Mitch McConnell", "Sen. Bernie Sanders", "Sen. Ben Ray Lujan", "Sen. Dick Durbin",
    "Sen. Shelley Moore Capito", "Rep. Alexandria Ocasio-Cortez", "Rep. Nancy Pelosi", "Rep. Buddy Carter",
    "Vice President JD Vance", "Vice President Kamala Harris", "President Joe Biden", "former President Barack Obama",
    "President George W. Bush", "Secretary of State Antony Blinken", "Treasury Secretary Janet Yellen",
    "Fed Chair Jerome Powell", "Defense Secretary Lloyd Austin", "Secretary of State Marco Rubio",
    "Treasury Secretary Scott Bessent", "Gov. Gavin Newsom", "Gov. Kathy Hochul of New York", "Gov. Josh Shapiro",
    "U.S. Trade Representative Katherine Tai", "former U.S. Trade Representative Rob Portman",
    "former U.S. Trade Representative Michael Froman", "Attorney General Pam Bondi", "President Xi Jinping",
    "Prime Minister Keir Starmer", "President Emmanuel Macron", "Chancellor Olaf Scholz", "President Zelensky",
    "Prime Minister Ishiba", "Chancellor Merz", "President Trump", "Speaker Johnson", "Secretary Rubio",
    "Chair Powell", "Russian President Vladimir Putin", "former President George H.W. Bush",
]


def test_real_officials_in_their_real_roles_are_never_contradicted_or_unidentifiable():
    body = " ".join(f"{name} commented on the talks." for name in REAL_OFFICIALS)
    _, signal, found = verdicts(body)
    wrong = [(v, text) for v, _, text in found if v in ("contradicted", "unidentifiable")]
    assert wrong == []
    # "Secretary Rubio" and "Chair Powell" are the Marco Rubio and Jerome Powell named before
    assert len(found) == len(REAL_OFFICIALS) - 2


def test_every_sitting_member_of_congress_is_verified_under_the_rosters_name():
    from credlib.rosters import rosters

    r = rosters()
    sitting = {}
    for person in r.everyone():
        for t in person.tenures:
            if t.end > r.snapshot and t.office in ("us-senator", "us-representative") and '"' not in person.name:
                sitting[person.name] = "Senator" if t.office == "us-senator" else "Rep."
    assert len(sitting) > 500
    body = " ".join(f"{title} {name} voted on Tuesday." for name, title in sitting.items())
    report, _ = score_checked(body, title="Vote")
    # by name key: "Angus S. King, Jr." is found as "Angus S. King"
    verdict = {name_key(f.extra["person"]): f.extra["verdict"] for f in report.signal(SIGNAL).findings}
    assert set(verdict.values()) == {"verified"}
    # Not read as names yet (a month as a first name; one initial before two names): they
    # get no finding at all, neither verified nor contradicted.  Listed, so that a change
    # that loses another member, or reads these, shows here.
    unread = {"April McClain Delaney", "August Pfluger", "H. Morgan Griffith", "J. French Hill", "J. Luis Correa",
              "W. Gregory Steube"}
    assert {name for name in sitting if name_key(name) not in verdict} == unread
    assert set(verdict) == {name_key(name) for name in sitting if name not in unread}


def test_an_article_mixing_invented_authorities_and_real_officials():
    body = (
        "WASHINGTON — Talks on the steel agreement stalled on Thursday after Senator Evelyn Hartwell, a Republican "
        "from Ohio, said she would block the bill.\n\n"
        "\"This deal sells out our workers,\" Hartwell told reporters. Former U.S. Trade Representative Thomas "
        "Garrity, who now advises a lobbying firm, agreed. Dr. Lena Foster, a prominent economist at Northfield "
        "University of Commerce, said the tariffs would cost 40,000 jobs.\n\n"
        "Sen. Maria Cantwell of Washington said the committee would vote next week. Former U.S. Trade "
        "Representative Robert Lighthizer defended the tariffs. President Trump is expected to sign the "
        "agreement, and Prime Minister Ishiba said Japan would respond."
    )
    _, signal, found = verdicts(body)
    by_person = {p: v for v, p, _ in found}
    assert by_person["Evelyn Hartwell"] == "contradicted"
    assert by_person["Thomas Garrity"] == "contradicted"
    assert by_person["Lena Foster"] == "unidentifiable"
    assert by_person["Maria Cantwell"] == "verified"
    assert by_person["Robert Lighthizer"] == "verified"
    assert by_person["Trump"] == "verified"
    assert by_person["Ishiba"] == "unverified"
    assert len(found) == 7  # "Hartwell told reporters" is the senator again
    assert signal.summary.startswith("2 claimed offices contradicted by public rosters")


def test_offices_written_in_lower_case_after_a_name():
    body = ("Thomas Garrity, a former U.S. trade representative, said the deal was bad. Evelyn Hartwell, the "
            "Republican senator from Ohio, agreed. Robert Lighthizer, who served as U.S. trade representative, "
            "disagreed. Dana Price, a representative of the dockworkers' union, said nothing.")
    _, _, found = verdicts(body)
    assert found == [
        ("contradicted", "Thomas Garrity", "Thomas Garrity, a former U.S. trade representative"),
        ("contradicted", "Evelyn Hartwell", "Evelyn Hartwell, the Republican senator from Ohio"),
        ("verified", "Robert Lighthizer", "Robert Lighthizer, who served as U.S. trade representative"),
    ]


def test_authorities_introduced_in_the_usual_ways():
    body = ("\"Prices will rise,\" said Omar Haddad, who is chief economist at Brightwater Bank. Ana Ruiz of the "
            "Halden School of Economics disagreed. An economist at Georgetown University, Jane Moreau, said the "
            "figures were sound. Harvard economist Ken Sato agreed, and Ines Alvarez is an analyst at Tollgate "
            "Capital.")
    _, _, found = verdicts(body)
    assert [(v, p, t) for v, p, t in found] == [
        ("unverified", "Omar Haddad", "Omar Haddad, who is chief economist at Brightwater Bank"),
        ("unverified", "Ana Ruiz", "Ana Ruiz of the Halden School of Economics"),
        ("unverified", "Jane Moreau", "An economist at Georgetown University, Jane Moreau"),
        ("unverified", "Ken Sato", "Harvard economist Ken Sato"),
        ("unverified", "Ines Alvarez", "Ines Alvarez is an analyst at Tollgate Capital"),
    ]


def test_an_institute_the_registry_does_not_know_is_only_unverified():
    # The registry lists every university, but not every think tank or institute.
    _, signal, found = verdicts("Linda Blum, a senior fellow at the Marston Institute, said the plan was sound.")
    assert found == [("unverified", "Linda Blum", "Linda Blum, a senior fellow at the Marston Institute")]
    assert "“Marston Institute” is not in the institution registry either" in only(signal).message


def test_unnamed_authorities_count_only_when_they_speak():
    _, signal, found = verdicts("He saw a doctor on Monday. A doctor said the patient was fine. "
                                "According to one expert, the bridge is safe.")
    assert found == [("unidentifiable", "", "A doctor"), ("unidentifiable", "", "one expert")]


def test_organisations_written_before_the_role():
    body = ("American University professor Elena Vasquez said the poll was sound. Tim Okafor, a University of "
            "Oregon economics professor, agreed. Morning Gauge data scientist Adam Petrov disagreed.")
    _, _, found = verdicts(body)
    assert found == [
        ("unverified", "Elena Vasquez", "American University professor Elena Vasquez"),
        ("unverified", "Tim Okafor", "Tim Okafor, a University of Oregon economics professor"),
        ("unverified", "Adam Petrov", "Morning Gauge data scientist Adam Petrov"),
    ]


def test_more_ways_of_writing_the_same_claims():
    body = ("Former USTR Thomas Garrity called the tariffs a mistake. Senator Maria Cantwell, chair of the Senate "
            "Commerce Committee, said the bill was dead. Dr. Marcus Webb, chief economist at the Global Trade "
            "Research Center, disagreed.")
    _, signal, found = verdicts(body)
    assert found == [
        ("contradicted", "Thomas Garrity", "Former USTR Thomas Garrity"),
        ("contradicted", "Maria Cantwell", "Senator Maria Cantwell, chair of the Senate Commerce Committee"),
        ("unverified", "Marcus Webb", "Dr. Marcus Webb, chief economist at the Global Trade Research Center"),
    ]
    assert "to Ted Cruz, not Maria Cantwell" in signal.findings[1].message
    assert signal.findings[2].message.startswith("Marcus Webb (economist, Global Trade Research Center)")


def test_a_former_member_said_to_chair_a_committee_is_not_judged_on_todays_chairs():
    # Orrin Hatch chaired Senate Finance until 2019; the roster has only today's chairs.
    _, _, found = verdicts("Sen. Orrin Hatch, chairman of the Senate Finance Committee, praised the bill.")
    assert [v for v, _, _ in found] == ["verified"]


def test_reports_for_readers_show_where_to_look_a_name_up(tmp_path, capsys):
    from credlib import cli

    path = tmp_path / "article.txt"
    path.write_text("Growth slows\n\n\"Growth will slow,\" said Jane Moreau, a professor of economics at "
                    "Georgetown University." + FILLER, encoding="utf-8")
    url = "https://en.wikipedia.org/w/index.php?search=%22Jane+Moreau%22"
    assert cli.main(["score", str(path)]) == 0
    assert f"look it up: {url}" in capsys.readouterr().out
    assert cli.main(["score", str(path), "--format", "html"]) == 0
    assert f'<a href="{url}" rel="noopener noreferrer">look it up</a>' in capsys.readouterr().out


def test_who_served_makes_a_former_claim():
    _, _, found = verdicts("Trade Representative Thomas Garrity, who served under President Obama, said the deal was weak.")
    assert ("contradicted", "Thomas Garrity", "Trade Representative Thomas Garrity") in found


def test_a_users_lexicon_can_add_unnamed_authorities(tmp_path):
    extra = tmp_path / "pundits.toml"
    extra.write_text(
        'signal = "people.unverifiable"\n'
        '[[entry]]\nid = "celebrated-pundit"\nmessage = "Unnamed pundit"\n'
        'note = "A pundit with no name cannot be checked."\npatterns = ["a (?:celebrated|famed) pundit"]\n'
        'examples.flag = ["A celebrated pundit predicted a landslide."]\n',
        encoding="utf-8",
    )
    config = credlib.Config(lexicons=(str(extra),))
    _, signal, found = verdicts("A celebrated pundit predicted a landslide on the radio.", config=config)
    assert found == [("unidentifiable", "", "A celebrated pundit")]
    assert signal.findings[0].entry == "celebrated-pundit" and signal.findings[0].message == "Unnamed pundit"


def test_a_chair_claimed_after_a_surname_counts_for_the_person():
    body = ("Senator Maria Cantwell spoke first. \"This deal is dead,\" said Cantwell, who chairs the Senate "
            "Finance subcommittee on international trade.")
    _, signal, found = verdicts(body)
    assert found == [("contradicted", "Maria Cantwell",
                      "Cantwell, who chairs the Senate Finance subcommittee on international trade")]
    assert signal.metrics["authorities"] == 1


def test_stacked_titles_and_a_job_title_after_the_name_make_one_person():
    # "Professor Dr." is two honorifics before one name, and "Chief Scientific Director"
    # is a job title, not a person called "Scientific Director".
    _, signal, found = verdicts(
        '"It works," said Professor Dr. Lorcan Vesey, Chief Scientific Director of the Institute for Natural Vigour.'
    )
    assert [(verdict, person) for verdict, person, _ in found] == [("unidentifiable", "Lorcan Vesey")]
    assert found[0][2] == "Professor Dr. Lorcan Vesey"


def test_a_rank_capitalised_at_a_sentence_start_is_part_of_the_title_not_an_organisation():
    body = "Chief executive Anders Holm said the company would grow. Managing director Sara Lind agreed with him."
    report, _ = score_checked(body, title="Results")
    messages = {f.text: f.message for f in report.signal("people.unverifiable").findings}
    assert messages["Chief executive Anders Holm"].startswith("Anders Holm (Chief executive) is in no offline source")
    assert messages["Managing director Sara Lind"].startswith("Sara Lind (Managing director) is in no offline source")
