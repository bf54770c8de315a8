"""sxstm restore against the ground truth of ../shared/corpus: clean target files byte for byte,
English files under rule S."""

from __future__ import annotations

from pathlib import Path

import pytest

from sxstm.cli import main
from sxstm.roundtrip.restore import restore_text
from sxstm.sxs.frontmatter import read_front_matter
from sxstm.sxs.spans import SpanPair, scan_spans


@pytest.fixture(scope="module")
def restored(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("restored")
    corpus = str(shared / "corpus")
    for side in ("target", "source"):
        # 1: the truncated file is reported, not restored
        assert main(["restore", corpus, "--exclude", "README.md", "--side", side, "-q", "-o", str(out / side)]) == 1
    return out


def test_target_side_reproduces_every_clean_target_file(restored: Path, shared: Path, manifest) -> None:
    checked = 0
    for name, entry in manifest.items():
        truth = entry.get("ground_truth", {}).get("target")
        if truth:
            assert (restored / "target" / name).read_bytes() == (shared / "corpus" / truth).read_bytes(), name
            checked += 1
    assert checked == 97


def english_body(text: str) -> str:
    """Rule S's comparison: the body after the front matter, no leading blank lines, LF line ends."""
    text = text.replace("\r\n", "\n")
    return text[read_front_matter(text).body_start :].lstrip("\n")


def test_source_side_reproduces_every_english_file_under_rule_s(restored: Path, shared: Path, manifest) -> None:
    checked = 0
    for name, entry in manifest.items():
        truth = entry.get("ground_truth", {}).get("source")
        if truth:
            ours = (restored / "source" / name).read_text(encoding="utf-8")
            assert english_body(ours) == english_body((shared / "corpus" / truth).read_text(encoding="utf-8")), name
            checked += 1
    assert checked == 36


def test_files_without_pairs_are_copied_unchanged(restored: Path, shared: Path) -> None:
    for name in ("docs.pl-pl/LICENSE", "docs.pl-pl/docs/zone-pivot-groups.yml"):
        assert (restored / "target" / name).read_bytes() == (shared / "corpus" / name).read_bytes()


def test_damaged_file_is_reported_not_written(restored: Path) -> None:
    assert not (restored / "target" / "osd.ru-ru/docs/tutorials/excel-tutorial.md").exists()


def restore(text: str, side: str) -> str:
    return restore_text(text, [item for item in scan_spans(text) if isinstance(item, SpanPair)], side)


PAIR = '<span data-ttu-id="a-1">{}</span><span class="sxs-lookup"><span data-stu-id="a-1">{}</span></span>'


def test_mt_escaped_star_is_unescaped_only_where_the_source_has_none() -> None:
    assert restore(PAIR.format("a \\*b", "a *b*"), "target") == "a *b"
    assert restore(PAIR.format("a \\*b", "a \\*b"), "target") == "a \\*b"
    assert restore(PAIR.format("a \\\\*b", "a b"), "target") == "a \\\\*b"  # an even run escapes the backslash


def test_heading_anchors_go_from_the_english_only() -> None:
    text = f'# <a name="x"></a>{PAIR.format("Tytuł", "Title")}\n> ## <a name="y"></a>{PAIR.format("B", "B")}\n'
    assert restore(text, "source") == "# Title\n> ## B\n"
    assert restore(text, "target") == '# <a name="x"></a>Tytuł\n> ## <a name="y"></a>B\n'
    setext = f'<a name="z"></a>{PAIR.format("Tytuł", "Title")}\n-----\n'
    assert restore(setext, "source") == "Title\n-----\n"


def test_duplicated_link_definition_keeps_the_line_of_its_side() -> None:
    text = "[etykieta]: https://x.example\n[label]: https://x.example\n"
    assert restore(text, "target") == "[etykieta]: https://x.example\n"
    assert restore(text, "source") == "[label]: https://x.example\n"


def test_file_without_a_locale_restores(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(f"# {PAIR.format('Tytuł', 'Title')}\n", encoding="utf-8")
    assert main(["restore", str(tmp_path / "docs"), "--side", "target", "-q", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "a.md").read_text(encoding="utf-8") == "# Tytuł\n"
