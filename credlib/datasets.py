"""The labelled data credlib is trained and calibrated on, read from ``../shared/data``.

Nothing here ships with credlib: the raw files stay in the data folder, and what the
project keeps are the weights fitted on them (``credlib/data``).  Splits and folds are
fixed by a hash of the item's own text, so they are the same on every machine, in every
run, and do not move when items are added or removed elsewhere.

- **Stop Clickbait** (Chakraborty et al. 2016, MIT licence): 32,000 headlines labelled
  clickbait or not by publisher.  Deduplicated by normalized headline (a headline found
  under both labels is dropped), then split 80/20 by :func:`hash_share`.
- **Fake news data 1** (Horne & Adalı 2017, BSD-style licence): political news articles
  labelled real, fake or satire by source or fact-check.  Files are mostly Windows-1252;
  they are decoded leniently.
"""

from __future__ import annotations

import gzip
import hashlib
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

CLICKBAIT_DIR = "clickbait-chakraborty2016"
CLICKBAIT_FILES = (("clickbait_data.gz", 1), ("non_clickbait_data.gz", 0))
ARTICLES_DIR = "fakenewsdata1-horne2017"
ARTICLES_ZIP = "Horne2017_FakeNewsData.zip"
ARTICLE_LABELS = ("Real", "Fake", "Satire")
TEST_PERCENT = 20
SPLIT_SALT = "credlib-split-v1"


class DataError(Exception):
    """The data folder or a dataset in it is missing or unreadable (one-line message)."""


def default_data_dir() -> Path:
    """``../shared/data`` from the current folder, else from the source checkout."""
    here = Path.cwd() / ".." / "shared" / "data"
    if here.is_dir():
        return here
    checkout = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
    return checkout if checkout.is_dir() else here


def dataset_dir(data: Path, name: str) -> Path:
    if not data.is_dir():
        raise DataError(
            f"no data folder at {data}: give --data DIR, the folder holding {CLICKBAIT_DIR}/ and {ARTICLES_DIR}/"
        )
    path = data / name
    if not path.is_dir():
        raise DataError(f"{data} has no {name}/ folder (see docs/evaluation.md for the datasets)")
    return path


def normalize(text: str) -> str:
    """The form a headline is deduplicated and split by: NFKC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("’", "'").lower().split())


def hash_share(key: str) -> int:
    """0..99 from a stable hash of ``key``: the same on every machine and in every run."""
    digest = hashlib.sha256((SPLIT_SALT + "\0" + key).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def hash_fold(key: str, folds: int) -> int:
    digest = hashlib.sha256((SPLIT_SALT + "\0fold\0" + key).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds


# -- headlines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    text: str
    clickbait: int  # 1 clickbait, 0 not
    key: str  # normalized text: what dedupe and the split look at

    @property
    def test(self) -> bool:
        return hash_share(self.key) < TEST_PERCENT


@dataclass(frozen=True)
class HeadlineCorpus:
    train: tuple[Headline, ...]
    test: tuple[Headline, ...]
    duplicates: int  # repeated lines dropped
    conflicting: int  # headlines found under both labels, dropped

    @property
    def split(self) -> str:
        return (f"Stop Clickbait, deduplicated by normalized headline; test = the {TEST_PERCENT}% whose "
                f"sha256('{SPLIT_SALT}', headline) mod 100 < {TEST_PERCENT}")


def load_headlines(data: Path) -> HeadlineCorpus:
    folder = dataset_dir(data, CLICKBAIT_DIR)
    rows: list[tuple[str, int]] = []
    for name, label in CLICKBAIT_FILES:
        path = folder / name
        try:
            with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
                rows.extend((line.strip(), label) for line in handle if line.strip())
        except OSError as exc:
            raise DataError(f"cannot read {path}: {exc.strerror or exc}") from None
        except (EOFError, zlib.error) as exc:  # cut short, or not what gzip wrote
            raise DataError(f"{path} is damaged ({exc}); fetch the data set again") from None
    for name, label in CLICKBAIT_FILES:
        if not any(row_label == label for _, row_label in rows):
            raise DataError(f"{folder / name} holds no headlines; both files are needed")
    labels: dict[str, set[int]] = {}
    for text, label in rows:
        labels.setdefault(normalize(text), set()).add(label)
    kept: dict[str, Headline] = {}
    duplicates = 0
    for text, label in rows:
        key = normalize(text)
        if len(labels[key]) > 1:
            continue
        if key in kept:
            duplicates += 1
            continue
        kept[key] = Headline(text, label, key)
    conflicting = sum(1 for text, _ in rows if len(labels[normalize(text)]) > 1)
    items = list(kept.values())
    return HeadlineCorpus(
        train=tuple(h for h in items if not h.test),
        test=tuple(h for h in items if h.test),
        duplicates=duplicates,
        conflicting=conflicting,
    )


# -- articles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Article:
    collection: str  # "Buzzfeed" or "Random"
    label: str  # "Real", "Fake" or "Satire"
    name: str  # file name inside the collection
    title: str
    body: str

    @property
    def key(self) -> str:
        return normalize(self.title + "\n" + self.body)

    @property
    def real(self) -> int:
        return 1 if self.label == "Real" else 0


def decode_lenient(raw: bytes) -> str:
    """UTF-8 where the file is UTF-8, else Windows-1252 (what most of these files are),
    with undecodable bytes replaced; line ends made ``\\n``."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_articles(data: Path) -> list[Article]:
    """Every article with its title, in a fixed order (collection, label, file name)."""
    folder = dataset_dir(data, ARTICLES_DIR)
    path = folder / ARTICLES_ZIP
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise DataError(f"{folder} has no {ARTICLES_ZIP}") from None
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataError(f"cannot read {path}: {exc}") from None
    with archive:
        names = set(archive.namelist())
        articles = []
        for name in sorted(names):
            parts = PurePosixPath(name).parts
            if len(parts) != 4 or parts[2] not in ARTICLE_LABELS or not parts[3].endswith(".txt"):
                continue
            title_name = str(PurePosixPath(parts[0], parts[1], parts[2] + "_titles", parts[3]))
            if title_name not in names:
                continue
            try:
                title = " ".join(decode_lenient(archive.read(title_name)).split())
                body = decode_lenient(archive.read(name)).strip("\n")
            except (OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
                raise DataError(f"{path} is damaged at {name} ({exc}); fetch the data set again") from None
            if not title or not body.strip():
                continue
            articles.append(Article(parts[1].split()[0], parts[2], parts[3], title, body))
    if not articles:
        raise DataError(f"{path} holds no articles in the expected layout (<collection>/<Real|Fake|Satire>/*.txt)")
    for label in ("Real", "Fake"):
        if not any(a.label == label for a in articles):
            raise DataError(f"{path} holds no {label} articles; both Real and Fake are needed")
    articles.sort(key=lambda a: (a.collection, ARTICLE_LABELS.index(a.label), _file_order(a.name)))
    seen: set[str] = set()
    unique = []
    for article in articles:
        if article.key not in seen:
            seen.add(article.key)
            unique.append(article)
    return unique


def _file_order(name: str) -> tuple[int, str]:
    stem = name.split("_")[0].split(".")[0]
    return (int(stem), name) if stem.isdigit() else (1 << 30, name)
