"""PRIVACY.md and SECURITY.md (issue 15): the promises are written down, the privacy page in
plain words (US grade 8 or below, the project's readability module), and the README links both."""

from __future__ import annotations

import re
from pathlib import Path

from firstsession.readability import fk_grade, plain_text

ROOT = Path(__file__).resolve().parents[1]
MAX_GRADE = 8.0


def _prose(markdown: str) -> str:
    """The page's words: no headings' hashes, code marks, emphasis or link targets."""
    text = re.sub(r"^#+\s*", "", markdown, flags=re.MULTILINE)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = text.replace("**", "").replace("`", "")
    return plain_text(text)


def test_privacy_md_reads_at_grade_8_or_below() -> None:
    """The whole of PRIVACY.md scores US grade 8 or below (Flesch-Kincaid)."""
    grade = fk_grade(_prose((ROOT / "PRIVACY.md").read_text(encoding="utf-8")))
    print(f"PRIVACY.md: grade {grade:.1f}")
    assert grade <= MAX_GRADE


def test_privacy_md_says_what_the_issue_asks() -> None:
    """Where things are kept, no network, how to delete, what a passphrase does and does not
    protect against, that it cannot be recovered, what a PDF means, printing's service."""
    text = " ".join((ROOT / "PRIVACY.md").read_text(encoding="utf-8").split())
    for needed in ("sheet.json", "never uses the internet", "no account", "Delete all my data",
                   "keylogger", "looks at your screen", "nobody can open your answers again",
                   "print service", "Quick exit", "AES-256", "Esc two times"):
        assert needed in text, needed


def test_security_md_has_the_threat_model_and_how_to_report() -> None:
    """SECURITY.md names the threats of the issue, what is out of scope, and how to report."""
    text = " ".join((ROOT / "SECURITY.md").read_text(encoding="utf-8").split())
    for needed in ("Shared computer", "Lost laptop", "Hostile packet file", "Hostile sheet file",
                   "Out of scope", "Reporting a problem", "cannot guarantee"):
        assert needed in text, needed


def test_the_readme_privacy_section_links_both() -> None:
    """README's privacy section links PRIVACY.md and SECURITY.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    assert "(PRIVACY.md)" in section and "(SECURITY.md)" in section
