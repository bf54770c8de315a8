"""The review loops of issue 10 through a real OmegaT 3.6: export, translate in OmegaT, merge back.

(A) XLIFF 1.2 → OmegaT project → a TMX in tm/enforce changes some segments → merge: exactly those
    targets change, every other byte of every document stays.
(B) XLIFF 1.2 whose targets are copies of the English, pre-translated by OmegaT from our TMX of
    the same documents: OmegaT finds the memory's translation for nearly every segment.
(C) as (A), with PO (``--no-fuzzy``) and a plain-text TMX.

Run on our own documents and on ../shared/corpus (Polish and Japanese) when present.
"""

from __future__ import annotations

import tarfile
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
from lxml import etree

from sxstm import Document, find_sources, read_document
from sxstm.cli import main

from .omegat import Project, make_project, require_omegat, write_native_tmx

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
XLIFF = "{urn:oasis:names:tc:xliff:document:1.2}"
MARK = "rev "  # what the robot reviewer puts before each segment it changes
EVERY = 3  # the robot reviewer changes every third distinct segment

CASES = [
    pytest.param((None, "docs.pl-pl"), id="corpus-pl"),
    pytest.param(("shared", "docs.pl-pl"), id="shared-pl"),
    pytest.param(("shared", "osd.ja-jp"), id="shared-ja"),
]

Key = tuple[str, str]  # (document path, pair id)


@dataclass(frozen=True)
class Unit:
    """A unit of a bilingual file, inline markup as serialized XML (XLIFF) or text (PO)."""

    source: str
    target: str


@dataclass(frozen=True)
class Tree:
    """Every document under a folder, by name, with its text."""

    documents: dict[str, Document]
    texts: dict[str, str]

    def pairs(self) -> dict[Key, tuple[str, str]]:
        """Return the raw (source, target) markdown of every pair."""
        return {
            (name, pair.id): (
                self.texts[name][pair.source.start : pair.source.end],
                self.texts[name][pair.target.start : pair.target.end],
            )
            for name, document in self.documents.items()
            for pair in document.pairs
        }


@pytest.fixture(params=CASES)
def docs(request: pytest.FixtureRequest) -> Path:
    """A folder of sxs documents of one language: ours, or one of ../shared/corpus."""
    require_omegat()
    where, name = request.param
    root = CORPUS if where is None else request.getfixturevalue("shared") / "corpus"
    return Path(root / name)


def read_tree(folder: Path) -> Tree:
    documents, texts = {}, {}
    for source in find_sources([folder]):
        documents[source.name] = read_document(source.path, name=source.name)
        texts[source.name] = Path(source.path).read_bytes().decode("utf-8")
    return Tree(documents, texts)


def inner(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return (element.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in element)


def read_xliff(path: Path) -> dict[Key, Unit]:
    units = {}
    for file in etree.parse(str(path)).getroot().iter(f"{XLIFF}file"):
        for unit in file.iter(f"{XLIFF}trans-unit"):
            key = (file.get("original", ""), unit.get("id", ""))
            units[key] = Unit(inner(unit.find(f"{XLIFF}source")), inner(unit.find(f"{XLIFF}target")))
    return units


def read_po(path: Path) -> dict[Key, Unit]:
    return {
        (entry.occurrences[0][0], entry.msgctxt or ""): Unit(entry.msgid, entry.msgstr)
        for entry in polib.pofile(str(path))
        if entry.msgid
    }


def target_locale(tree: Tree) -> str:
    return next(iter(tree.documents.values())).target_locale


def new_project(tmp_path: Path, name: str, tree: Tree, export: Path) -> Project:
    project = make_project(tmp_path / name, "en-US", target_locale(tree))
    project.add_source(export)
    return project


def changed_by_omegat(exported: dict[Key, Unit], translated: dict[Key, Unit]) -> dict[Key, Unit]:
    """Return the units whose target OmegaT changed."""
    assert translated.keys() == exported.keys(), "OmegaT lost or added units"
    return {key: unit for key, unit in translated.items() if unit.target != exported[key].target}


def refused(unit: Unit, before: tuple[str, str]) -> bool:
    """Tell whether merge must not apply this change: an empty target, or a copy of the English."""
    source, target = before
    return not unit.target.strip() or (unit.target == unit.source and target != source)


def merge(reviewed: Path, docs: Path, out: Path) -> int:
    return main(["merge", str(reviewed), "--into", str(docs), "-q", "-o", str(out)])


def cut(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` without the given spans (each replaced by a marker, so that moves show)."""
    kept, at = [], 0
    for start, end in sorted(spans):
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    return "\x00".join(kept)


def assert_only_changes_applied(
    before: Tree, after: Tree, expected: dict[Key, str | None], rc: int, *, all_applied: bool
) -> None:
    """Compare two trees pair by pair: exactly the ``expected`` targets changed, to the raw text given (if given)."""
    assert after.texts.keys() == before.texts.keys()
    old, new = before.pairs(), after.pairs()
    assert new.keys() == old.keys(), "merge added or lost pairs"
    changed = {key for key in old if new[key][1] != old[key][1]}
    assert changed == expected.keys(), (
        f"{len(changed - expected.keys())} pairs changed that OmegaT did not change, "
        f"{len(expected.keys() - changed)} OmegaT changes not applied"
    )
    wrong = {key: (new[key][1], text) for key, text in expected.items() if text is not None and new[key][1] != text}
    assert not wrong, f"{len(wrong)} targets not as OmegaT wrote them: {list(wrong.items())[:3]}"
    assert all(new[key][0] == old[key][0] for key in old), "a source changed"
    emptied = [key for key in old if old[key][1].strip() and not new[key][1].strip()]
    assert not emptied, f"{len(emptied)} targets emptied: {emptied[:5]}"
    for name, text in before.texts.items():
        spans_before = [(p.target.start, p.target.end) for p in before.documents[name].pairs if (name, p.id) in changed]
        spans_after = [(p.target.start, p.target.end) for p in after.documents[name].pairs if (name, p.id) in changed]
        assert cut(after.texts[name], spans_after) == cut(text, spans_before), f"{name}: bytes outside targets changed"
    if all_applied:
        assert rc == 0
    else:
        assert rc in (0, 1)


def review_loop(
    docs: Path, tmp_path: Path, reader, export: Path, translations: dict[str, str], *, copy_side: int
) -> None:
    """Run OmegaT with ``translations`` in tm/enforce, merge its target file, compare the trees."""
    before = read_tree(docs)
    project = new_project(tmp_path, "project", before, export)
    memory = write_native_tmx(tmp_path / "review.tmx", translations, "en-US", target_locale(before))
    project.add_memory("tm/enforce", memory)
    translated_file = project.translate() / export.name
    exported, translated = reader(export), reader(translated_file)
    changes = changed_by_omegat(exported, translated)
    reviewed = {key for key, unit in changes.items() if unit.target.startswith(MARK)}
    assert reviewed, "the TMX in tm/enforce changed nothing"
    old = before.pairs()
    skipped = {key for key, unit in changes.items() if refused(unit, old[key])}
    # A change OmegaT made beyond the TMX (a sibling's translation) is applied too: the reviewer saw it.
    expected: dict[Key, str | None] = {key: None for key in changes.keys() - skipped}
    expected |= {key: MARK + old[key][copy_side] for key in reviewed}
    # Segments the reviewer left alone in a copy-source file come back as copies of the English:
    # merge lists them as not applied and exits 1.
    copies = {key for key, unit in translated.items() if key not in changes and refused(unit, old[key])}
    merged = tmp_path / "merged" / docs.name  # a locale-named folder, like the input
    rc = merge(translated_file, docs, merged)
    assert_only_changes_applied(before, read_tree(merged), expected, rc, all_applied=not skipped and not copies)
    if copies:
        assert rc == 1


def test_loop_a_xliff_review_in_omegat_changes_exactly_the_reviewed_targets(docs: Path, tmp_path: Path) -> None:
    export = tmp_path / "review.xlf"
    assert main(["extract", str(docs), "-q", "-o", str(export)]) == 0
    before = read_tree(docs)
    segments = new_project(tmp_path, "pseudo", before, export).segments()
    # OmegaT translates the <target> of today's XLIFF: its segments are the MT, so the reviewed text is MARK + target.
    translations = {segment: MARK + segment for segment in segments[::EVERY]}
    review_loop(docs, tmp_path, read_xliff, export, translations, copy_side=1)


def test_loop_a_xliff_copy_source_review_in_omegat_changes_exactly_the_reviewed_targets(
    docs: Path, tmp_path: Path
) -> None:
    export = tmp_path / "review.xlf"
    assert main(["extract", str(docs), "-q", "--targets", "source", "-o", str(export)]) == 0
    before = read_tree(docs)
    segments = new_project(tmp_path, "pseudo", before, export).segments()
    # The targets are copies of the English: the reviewer writes MARK + the English.
    translations = {segment: MARK + segment for segment in segments[::EVERY]}
    review_loop(docs, tmp_path, read_xliff, export, translations, copy_side=0)


def test_loop_c_po_review_in_omegat_changes_exactly_the_reviewed_targets(docs: Path, tmp_path: Path) -> None:
    export = tmp_path / "review.po"
    assert main(["extract", str(docs), "-q", "--no-fuzzy", "-o", str(export)]) == 0
    units = read_po(export)
    # OmegaT shows msgid as the source and the plain msgstr as the translation; the TMX is plain text.
    by_source: dict[str, set[str]] = {}
    for unit in units.values():
        by_source.setdefault(unit.source, set()).add(unit.target)
    sources = sorted(source for source, targets in by_source.items() if len(targets) == 1 and next(iter(targets)))
    translations = {source: MARK + next(iter(by_source[source])) for source in sources[::EVERY]}
    review_loop(docs, tmp_path, read_po, export, translations, copy_side=1)


def test_loop_b_omegat_pretranslates_copy_source_xliff_from_our_tmx(docs: Path, tmp_path: Path) -> None:
    before = read_tree(docs)
    reference, export, memory = tmp_path / "mt.xlf", tmp_path / "review.xlf", tmp_path / "memory.tmx"
    assert main(["extract", str(docs), "-q", "-o", str(reference)]) == 0
    assert main(["extract", str(docs), "-q", "--targets", "source", "-o", str(export)]) == 0
    assert main(["extract", str(docs), "-q", "-o", str(memory)]) == 0
    project = new_project(tmp_path, "project", before, export)
    project.add_memory("tm/auto", memory)
    translated = read_xliff(project.translate() / export.name)
    mt = read_xliff(reference)
    tagged = [key for key, unit in mt.items() if "<" in unit.source]
    plain = [key for key, unit in mt.items() if "<" not in unit.source]
    hits_tagged = sum(translated[key].target == mt[key].target for key in tagged)
    hits_plain = sum(translated[key].target == mt[key].target for key in plain)
    figures = f"with tags {hits_tagged}/{len(tagged)}, without {hits_plain}/{len(plain)}"
    assert hits_tagged >= 0.95 * len(tagged), figures
    assert hits_plain >= 0.97 * len(plain), figures
    print(f"loop B, {docs}: {figures}")  # shown with pytest -s, for the README


@pytest.fixture(scope="module")
def bench(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole docs.pl-pl of ../shared/bench, unpacked outside the repository."""
    archive = shared / "bench" / "docs.pl-pl.sxs.tar.xz"
    if not archive.is_file():
        pytest.skip("../shared/bench is not here")
    folder = tmp_path_factory.mktemp("bench")
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 on; not Debian's 3.11.2
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # ../shared's archive
    return folder


def test_loop_b_omegat_pretranslates_a_folder_from_the_tmx_of_its_whole_repository(bench: Path, tmp_path: Path) -> None:
    """The TMX of all of docs.pl-pl (411,162 pairs: enough that its distinct units are counted in
    two processes) is read whole by OmegaT: it fills nearly every unit of one folder, those with
    tags as the folder's own translation (a source translated several ways in the repository takes
    its most frequent translation)."""
    require_omegat()
    docs = bench / "docs" / "csharp" / "language-reference" / "keywords"
    before = read_tree(docs)
    reference, export, memory = tmp_path / "mt.xlf", tmp_path / "review.xlf", tmp_path / "memory.tmx"
    assert main(["extract", str(docs), "-q", "-o", str(reference)]) == 0
    assert main(["extract", str(docs), "-q", "--targets", "source", "-o", str(export)]) == 0
    assert main(["extract", str(bench), "-q", "-j", "2", "-o", str(memory)]) == 0
    project = new_project(tmp_path, "project", before, export)
    project.add_memory("tm/auto", memory)
    translated = read_xliff(project.translate() / export.name)
    mt = read_xliff(reference)
    # Left as the copy of the source (or empty) where the folder has a translation: no match found.
    missed = sum(
        translated[key].target != unit.target and translated[key].target.strip() in ("", unit.source)
        for key, unit in mt.items()
    )
    tagged = [key for key, unit in mt.items() if "<" in unit.source]
    hits_tagged = sum(translated[key].target == mt[key].target for key in tagged)
    figures = f"not filled {missed}/{len(mt)}, with tags as the folder's {hits_tagged}/{len(tagged)}"
    assert missed <= 0.01 * len(mt), figures
    assert hits_tagged >= 0.95 * len(tagged), figures
    print(f"loop B, the whole bench's TMX: {figures}")  # shown with pytest -s
