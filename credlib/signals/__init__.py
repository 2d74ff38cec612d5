"""The signals.  Importing this package registers every signal in the registry.

One module per signal family; a signal's id says where it lives
(``sourcing.anonymous`` -> ``signals/sourcing.py``, words in
``lexicons/en/sourcing_anonymous.toml``).
"""

from . import evidence, headline, page, people, provenance, sourcing, text, wording  # noqa: F401
