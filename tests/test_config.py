"""Configuration: switch off, weights, severities, allow list, user lexicons; errors."""

import pytest

import credlib
from credlib import Config, ConfigError

from .helpers import texts_of

TEXT = ("Sources close to the mayor said the audit was a witch hunt. Experts say it was rigged. "
        "The minister reportedly resigned. The war on cars continues, a warning sign for drivers.")


def score(config):
    return credlib.score(TEXT, title="Audit", config=config)


def test_switch_off_a_signal_by_id():
    report = score(Config(disable=("wording.loaded",)))
    assert report.signal("wording.loaded").status == "not_applicable"
    assert report.signal("wording.loaded").summary == "Switched off in the configuration."


def test_switch_off_a_family_by_prefix():
    report = score(Config(disable=("sourcing",)))
    assert report.signal("sourcing.anonymous").status == report.signal("sourcing.vague").status == "not_applicable"
    assert report.signal("wording.loaded").status == "ok"


def test_switch_off_one_entry():
    report = score(Config(disable=("sourcing.vague.reportedly",)))
    assert texts_of(report, "sourcing.vague") == ["Experts say"]


def test_prefix_matching_is_by_dotted_segment():
    with pytest.raises(ConfigError, match="unknown signal or entry id 'sourcing.vag'"):
        score(Config(disable=("sourcing.vag",)))


def test_severity_override_by_prefix_longest_wins():
    report = score(Config(severities={"sourcing": "info", "sourcing.vague.experts-say": "severe"}))
    severities = {f.text: f.severity for f in report.signal("sourcing.vague").findings}
    assert severities == {"Experts say": "severe", "reportedly": "info"}


def test_entry_weight_changes_signal_concern():
    light = score(Config(weights={"sourcing.vague.experts-say": 0.0, "sourcing.vague.reportedly": 0.0}))
    assert light.signal("sourcing.vague").score == 0
    assert score(None).signal("sourcing.vague").score > 0


def test_allow_list_matches_whole_tokens_only():
    assert texts_of(score(None), "wording.loaded") == ["witch hunt", "rigged", "war on cars"]
    # a phrase, and a single word that is a whole token inside a finding ("war" in "war on cars")
    assert texts_of(score(Config(allow=("witch hunt", "war"))), "wording.loaded") == ["rigged"]
    # never part of a word: "warn" (in "warning"), "car" (in "cars"), "war o"
    for partial in ("warn", "car", "war o"):
        assert texts_of(score(Config(allow=(partial,))), "wording.loaded") == ["witch hunt", "rigged", "war on cars"]


def test_user_lexicon_adds_entries(tmp_path):
    extra = tmp_path / "class.toml"
    extra.write_text(
        'signal = "wording.loaded"\n[[entry]]\nid = "cars"\nmessage = "Class word"\nnote = "Our class flags it."\n'
        'patterns = ["continues"]\nweight = 0.5\n',
        encoding="utf-8",
    )
    report = score(Config(lexicons=(str(extra),)))
    assert "continues" in texts_of(report, "wording.loaded", "cars")


def test_config_file_with_relative_lexicon_path(tmp_path):
    (tmp_path / "words.toml").write_text(
        'signal = "sourcing.vague"\n[[entry]]\nid = "mine"\nmessage = "m"\nnote = "n"\npatterns = ["continues"]\n',
        encoding="utf-8",
    )
    (tmp_path / "credlib.toml").write_text('lexicons = ["words.toml"]\ndisable = ["wording"]\n', encoding="utf-8")
    config = Config.from_toml(tmp_path / "credlib.toml")
    report = score(config)
    assert texts_of(report, "sourcing.vague", "mine") == ["continues"]


@pytest.mark.parametrize(
    "data,message",
    [
        ({"disabled": ["x"]}, "unknown key(s) disabled"),
        ({"weights": {"sourcing.anonymous": -1}}, "weights.sourcing.anonymous: must be a number from 0 to 100"),
        ({"weights": {"sourcing": 2.0}}, "is a prefix"),
        ({"severities": {"sourcing.vague": "loud"}}, "must be one of info, warning, severe"),
        ({"weights": "heavy"}, "'weights' must be a table"),
        ({"allow": "regime"}, "'allow' must be a list of strings"),
        ({"online": "yes"}, "'online' must be true or false"),
    ],
)
def test_bad_config_is_an_error_not_ignored(data, message):
    with pytest.raises(ConfigError) as info:
        score(Config.from_dict(data))
    assert message in str(info.value)


def test_unknown_id_in_weights_and_severities():
    with pytest.raises(ConfigError, match="unknown signal or entry id 'wording.lodaed'"):
        score(Config(weights={"wording.lodaed": 1.0}))
    with pytest.raises(ConfigError, match="unknown signal or entry id 'nope'"):
        score(Config(severities={"nope": "info"}))
    with pytest.raises(ConfigError, match="text.readability is informational"):
        score(Config(weights={"text.readability": 2.0}))


def test_broken_user_lexicon_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('signal = "wording.loaded"\n[[entry]]\nid = "x"\nmessage = "m"\nnote = "n"\npatterns = ["(a"]\n')
    with pytest.raises(ConfigError, match="bad.toml"):
        score(Config(lexicons=(str(bad),)))
    with pytest.raises(ConfigError, match="no signal with a lexicon is called nope.nope"):
        other = tmp_path / "other.toml"
        other.write_text('signal = "nope.nope"\n')
        score(Config(lexicons=(str(other),)))


def test_a_user_pattern_with_a_global_flag_is_refused_when_the_configuration_is_read(tmp_path):
    flagged = tmp_path / "flagged.toml"
    flagged.write_text('signal = "wording.loaded"\n[[entry]]\nid = "budget"\nmessage = "m"\nnote = "n"\n'
                       'patterns = ["(?i)BUDGET"]\n')
    with pytest.raises(ConfigError, match=r"flagged.toml.*use a scoped flag such as \(\?i:\.\.\.\)"):
        score(Config(lexicons=(str(flagged),)))
    scoped = tmp_path / "scoped.toml"
    scoped.write_text('signal = "wording.loaded"\n[[entry]]\nid = "budget"\nmessage = "m"\nnote = "n"\n'
                      'case = "sensitive"\npatterns = ["(?-x:BUDGET)"]\n')
    report = credlib.score("The BUDGET was cut again this year, and the budget office said so.", title="Cuts",
                           config=Config(lexicons=(str(scoped),)))
    assert [f.text for f in report.signal("wording.loaded").findings] == ["BUDGET"]


def test_one_configuration_is_resolved_once_and_each_keeps_its_own_effect():
    from credlib.registry import settings_for

    quiet = Config(disable=("wording.loaded",), severities={"sourcing": "info"})
    assert settings_for(quiet) is settings_for(Config(disable=("wording.loaded",), severities={"sourcing": "info"}))
    assert settings_for(quiet) is not settings_for(Config(disable=("sourcing.vague",)))
    # alternating configurations: each report still follows its own
    for _ in range(2):
        first, second = score(quiet), score(Config(disable=("sourcing.vague",)))
        assert first.signal("wording.loaded").status == "not_applicable"
        assert {f.severity for f in first.signal("sourcing.anonymous").findings} == {"info"}
        assert second.signal("wording.loaded").status == "ok" and second.signal("sourcing.vague").status == "not_applicable"
        assert "info" not in {f.severity for f in second.signal("sourcing.anonymous").findings}
    # a bad configuration is an error every time, never remembered as resolved
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown signal or entry id"):
            score(Config(disable=("no.such.signal",)))


def test_a_config_that_is_not_a_config_object_says_how_to_load_one():
    with pytest.raises(TypeError, match=r"config must be a credlib\.Config, not str \(a TOML file: credlib\.Config\.from_toml\(path\)\)"):
        credlib.score("Sources say the plan failed.", config="settings.toml")


@pytest.mark.parametrize("weight", [float("nan"), float("inf"), 900, -1])
def test_weights_must_be_finite_and_bounded(weight):
    with pytest.raises(ConfigError, match=r"weights\.sourcing\.anonymous: must be a number from 0 to 100"):
        Config(weights={"sourcing.anonymous": weight})


@pytest.mark.parametrize("table", ["weights", "severities"])
def test_weights_and_severities_are_keyed_by_ids(table):
    with pytest.raises(ConfigError, match=r"'weights' and 'severities' are keyed by dotted ids \(strings\), not 1"):
        Config(**{table: {1: 2 if table == "weights" else "info"}})


def test_include_text_must_be_true_or_false():
    with pytest.raises(TypeError, match="include_text must be True or False, not str"):
        credlib.score("Sources say the plan failed.", include_text="no")


def test_the_largest_weight_still_gives_a_score():
    report = credlib.score("Sources close to the mayor say the plan failed. " * 10,
                           config=Config(weights={"sourcing.anonymous": 100}))
    assert report.score < 10 and report.label == "low"


@pytest.mark.parametrize("value", [None, 3, "wording.loaded"])
def test_lists_must_be_lists_of_strings(value):
    with pytest.raises(ConfigError, match="'allow' must be a list of strings"):
        Config(allow=value)


def test_a_config_file_that_is_a_folder_or_not_utf8_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="is a directory, not a TOML file"):
        Config.from_toml(tmp_path)
    bad = tmp_path / "c.toml"
    bad.write_bytes(b'disable = ["caf\xe9"]\n')
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        Config.from_toml(bad)


def test_score_document_says_what_it_needs():
    with pytest.raises(TypeError, match=r"score_document needs a credlib\.Document \(from credlib\.build_document\), not str"):
        credlib.score_document("Sources say the plan failed.")


def test_an_unknown_id_in_a_config_file_is_reported_when_it_is_loaded_with_its_name(tmp_path):
    path = tmp_path / "class.toml"
    path.write_text('disable = ["wording.loded"]\n')
    with pytest.raises(ConfigError) as info:
        Config.from_toml(path)
    assert str(info.value) == f"{path}: disable: unknown signal or entry id 'wording.loded' (see `credlib signals`)"
