"""The extension's manifest and build, checked without a browser."""

import base64
import hashlib
import json
import re
import shutil
import subprocess

import pytest

from server.settings import EXTENSION_ORIGIN

from .browser import EXTENSION_DIR

MANIFEST = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))


def chromium_id(key: str) -> str:
    """Chromium's extension id: the SHA-256 of the public key, first 32 hex digits as a-p."""
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_key_pins_the_id_the_server_allows():
    assert EXTENSION_ORIGIN == f"chrome-extension://{chromium_id(MANIFEST['key'])}"


def test_permissions_are_minimal():
    assert MANIFEST["manifest_version"] == 3
    assert sorted(MANIFEST["permissions"]) == ["activeTab", "scripting", "storage"]
    assert MANIFEST["host_permissions"] == ["http://127.0.0.1/*"]  # the default server (any port)
    assert sorted(MANIFEST["optional_host_permissions"]) == ["http://*/*", "https://*/*"]
    assert "content_scripts" not in MANIFEST  # injected on demand only


def test_one_code_base_for_chromium_and_firefox():
    background = MANIFEST["background"]
    assert background["service_worker"] == "background.js"
    assert background["scripts"] == ["common.js", "background.js"]
    gecko = MANIFEST["browser_specific_settings"]["gecko"]
    assert gecko["id"] and gecko["strict_min_version"]
    assert gecko["data_collection_permissions"]["required"] == ["websiteContent"]


def test_every_file_the_manifest_names_exists():
    names = [MANIFEST["action"]["default_popup"], MANIFEST["options_ui"]["page"], *MANIFEST["background"]["scripts"]]
    names += list(MANIFEST["icons"].values()) + list(MANIFEST["action"]["default_icon"].values())
    for name in names:
        assert (EXTENSION_DIR / name).is_file(), name


def test_no_remote_code():
    for path in EXTENSION_DIR.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html), path.name
    for path in list(EXTENSION_DIR.glob("*.js")) + list((EXTENSION_DIR / "content").glob("*.js")):
        source = path.read_text(encoding="utf-8")
        assert "eval(" not in source and "new Function" not in source, path.name


def test_web_ext_lint_finds_no_errors():
    """`make lint-extension` (Firefox's linter): errors fail, warnings are reported."""
    if not shutil.which("npx") or not (EXTENSION_DIR / "node_modules" / ".bin" / "web-ext").exists():
        pytest.skip("the extension's npm packages are not installed: run `make extension`")
    run = subprocess.run(
        ["npx", "--no-install", "web-ext", "lint", "--source-dir", ".", "--self-hosted", "--output", "json",
         "--ignore-files", "node_modules/**", "scripts/**", "package.json", "package-lock.json"],
        cwd=EXTENSION_DIR, capture_output=True, text=True, timeout=300,
    )
    report = json.loads(run.stdout)
    assert report["summary"]["errors"] == 0, report["errors"]
