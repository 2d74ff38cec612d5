"""User configuration: switch signals or single entries off, change weights and
severities, add lexicon files and an allow list.

As a TOML file (``credlib score --config my.toml``)::

    disable = ["wording.loaded", "sourcing.vague.reportedly"]   # dotted prefixes
    allow = ["regime", "witch hunt"]          # findings whose text contains these whole words are dropped
    lexicons = ["class-words.toml"]           # extra entries, same format as the built-in lexicons

    [weights]                                 # a signal id sets its weight in the score,
    "sourcing.anonymous" = 2.0                # an entry id its weight inside the signal
    "wording.loaded.hyperbole" = 0.5

    [severities]                              # by dotted prefix; the longest prefix wins
    "sourcing.vague" = "info"

Every key and every id is checked: a typo is an error, never silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .lexicon import MAX_WEIGHT, LexiconError, read_toml
from .report import SEVERITIES


class ConfigError(ValueError):
    """The configuration is invalid; the message says which key and why."""


@dataclass(frozen=True)
class Config:
    disable: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    online: bool = False  # online name verification (people.unverifiable); off by default

    def __post_init__(self) -> None:
        for name in ("disable", "allow", "lexicons"):
            value = getattr(self, name)
            if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
                raise ConfigError(f"'{name}' must be a list of strings")
            value = tuple(value)
            if not all(isinstance(v, str) for v in value):
                raise ConfigError(f"'{name}' must be a list of strings")
            object.__setattr__(self, name, value)
        if not isinstance(self.weights, Mapping) or not isinstance(self.severities, Mapping):
            raise ConfigError("'weights' and 'severities' must be tables (dicts) of dotted id = value")
        for key in (*self.weights, *self.severities):
            if not isinstance(key, str):
                raise ConfigError(f"'weights' and 'severities' are keyed by dotted ids (strings), not {key!r}")
        for key, weight in self.weights.items():
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 <= weight <= MAX_WEIGHT:
                raise ConfigError(f"weights.{key}: must be a number from 0 to {MAX_WEIGHT:g}")
        for key, severity in self.severities.items():
            if severity not in SEVERITIES:
                raise ConfigError(f"severities.{key}: must be one of {', '.join(SEVERITIES)}")
        if not isinstance(self.online, bool):
            raise ConfigError("'online' must be true or false")
        for phrase in self.allow:
            if not phrase.strip():
                raise ConfigError("'allow' entries must not be empty")
        object.__setattr__(self, "weights", dict(self.weights))
        object.__setattr__(self, "severities", dict(self.severities))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], origin: str = "config") -> "Config":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"{origin}: unknown key(s) {', '.join(unknown)}; known keys are {', '.join(sorted(known))}")
        for table in ("weights", "severities"):
            if table in data and not isinstance(data[table], Mapping):
                raise ConfigError(f"{origin}: '{table}' must be a table of dotted id = value")
        try:
            return cls(**data)
        except ConfigError as exc:
            raise ConfigError(f"{origin}: {exc}") from None
        except TypeError as exc:
            raise ConfigError(f"{origin}: {exc}") from None

    @classmethod
    def from_toml(cls, path: str | Path) -> "Config":
        path = Path(path)
        try:
            data = read_toml(path)
        except LexiconError as exc:
            raise ConfigError(str(exc)) from None
        config = cls.from_dict(data, origin=str(path))
        # Lexicon paths in a config file are relative to that file.
        resolved = tuple(str((path.parent / p).resolve()) for p in config.lexicons)
        config = cls(**{**{f.name: getattr(config, f.name) for f in fields(cls)}, "lexicons": resolved})
        # Ids are checked against the signals now, so a mistake names this file and shows
        # at load time, not at the first article scored.
        from .registry import settings_for

        try:
            settings_for(config)
        except ConfigError as exc:
            message = str(exc)
            raise ConfigError(message if message.startswith(str(path)) else f"{path}: {message}") from None
        return config

    # -- lookups used while scoring ------------------------------------------------------

    def is_disabled(self, dotted_id: str) -> bool:
        return any(_prefix_of(p, dotted_id) for p in self.disable)

    def severity_for(self, dotted_id: str, default: str) -> str:
        best = None
        for prefix, severity in self.severities.items():
            if _prefix_of(prefix, dotted_id) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, severity)
        return best[1] if best else default

    def weight_for(self, dotted_id: str, default: float) -> float:
        return float(self.weights.get(dotted_id, default))


def _prefix_of(prefix: str, dotted_id: str) -> bool:
    return dotted_id == prefix or dotted_id.startswith(prefix + ".")


class AllowList:
    """Whole-token phrases whose findings are dropped ("war" does not allow "warning")."""

    def __init__(self, phrases: tuple[str, ...]):
        self._regex = None
        if phrases:
            alternatives = (r"\s+".join(re.escape(w) for w in p.lower().split()) for p in phrases)
            self._regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")

    def allows(self, text: str) -> bool:
        return self._regex is not None and self._regex.search(text.lower()) is not None
