"""The scratch files of the run-level checks: Seens and bucketed records read back as kept."""

import dataclasses
import pickle
from array import array

import pytest

from sxstm.checks import Checked, Seen
from sxstm.checks.rows import to_rows
from sxstm.checks.scratch import Buckets, FindingFile, PickledSeen, SeenFile
from sxstm.model import Finding, Severity


def _seen(number: int, pairs: int) -> Seen:
    folded = "".join(f"source {number}.{index}target {number}.{index}" for index in range(pairs)).encode()
    ends = array("L")
    for index in range(pairs):
        ends.extend([*(ends[-1:] or [0])])
        ends[-1] += len(f"source {number}.{index}")
        ends.append(ends[-1] + len(f"target {number}.{index}"))
    return Seen(
        f"doc{number}.md",
        tuple(f"p{index}" for index in range(pairs)),
        array("l", range(1, pairs + 1)),
        array("l", [1] * pairs),
        array("Q", [number * 1000 + index for index in range(pairs)]),
        array("Q", [2**64 - 1 - index for index in range(pairs)]),
        folded,
        ends,
        array("L", [index for index in range(pairs)]),
        locale_key=2**63 + number,
        locale="de-de" if number % 2 else "",
    )


def test_seen_file_gives_back_each_document_by_number_and_all_in_order() -> None:
    documents = [_seen(number, number % 7) for number in range(40)]
    with SeenFile() as kept:
        for document in documents:
            kept.append(document)
        assert len(kept) == 40
        assert list(kept) == documents
        assert [kept[number] for number in (39, 0, 5, 5, 17, 38, 2)] == [documents[n] for n in (39, 0, 5, 5, 17, 38, 2)]
        assert kept[-1] == documents[-1]
        assert kept[3:6] == documents[3:6]
        assert kept[5].texts(1) == ("source 5.1", "target 5.1")
        with pytest.raises(IndexError):
            kept[40]


def test_seen_file_reads_in_order_documents_larger_than_one_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sxstm.checks.scratch._READ", 300)  # a document of 6 pairs pickles to more
    documents = [_seen(number, number % 7) for number in range(20)]
    with SeenFile() as kept:
        for document in documents:
            kept.append(document)
        assert list(kept) == documents


def test_seen_file_appended_after_reading_gives_back_the_new_documents_too() -> None:
    with SeenFile() as kept:
        kept.append(_seen(0, 2))
        assert kept[0] == _seen(0, 2)
        kept.append(_seen(1, 3))
        assert list(kept) == [_seen(0, 2), _seen(1, 3)]


def test_buckets_give_back_each_bucket_s_values_in_the_order_appended_across_spills() -> None:
    with Buckets(3, buffered=4) as buckets:
        for value in range(50):
            buckets.buffers[value % 3].extend((value, 2**64 - 1))
            buckets.added(2)
        assert [list(values) for values in buckets] == [
            [each for value in range(50) if value % 3 == bucket for each in (value, 2**64 - 1)] for bucket in range(3)
        ]


def test_a_checked_document_sent_between_processes_carries_its_seen_pickled_as_a_seen_file_keeps_it() -> None:
    document = dataclasses.replace(_seen(3, 4), compared_by=("SX406",))
    sent = pickle.loads(pickle.dumps(Checked("doc3.md", (), document)))
    assert isinstance(sent.seen, PickledSeen)
    assert sent.seen.unpickled() == document
    with SeenFile() as kept:
        kept.append(sent.seen)
        kept.append(document)
        assert list(kept) == [document, document]
        sides = (document.sources, document.targets, document.written_sources, ("SX406",))
        assert list(kept.sides()) == [sides] * 2


def _finding(number: int) -> Finding:
    severity = (Severity.ERROR, Severity.WARNING, Severity.INFO)[number % 3]
    return Finding(f"doc{number % 5}.md", number, 1, severity, "SX301", "space", f"m{number}", None, "", "S", "T")


def test_finding_file_gives_back_every_finding_in_order_as_often_as_read_and_counts_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sxstm.checks.scratch._FINDINGS_HELD", 4)  # several chunks written, some held
    findings = [_finding(number) for number in range(23)]
    with FindingFile() as kept:
        kept.extend(findings[:2])
        kept.extend(iter(findings[2:21]))  # an iterator is taken a chunk at a time
        kept.extend(findings[21:])
        assert len(kept) == 23
        assert list(kept) == findings
        assert list(kept) == findings
        assert findings[22] in kept and _finding(99) not in kept
        assert kept.counts() == {Severity.ERROR: 8, Severity.WARNING: 8, Severity.INFO: 7}


def test_findings_kept_as_rows_read_back_as_the_findings_kept_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sxstm.checks.scratch._FINDINGS_HELD", 4)
    findings = [_finding(number) for number in range(11)]
    with FindingFile() as whole, FindingFile() as rows:
        whole.extend(findings)
        rows.extend_rows(to_rows(tuple(findings[:5])))
        rows.extend_rows(to_rows(tuple(findings[5:])))
        assert list(rows) == list(whole) == findings
        assert rows.counts() == whole.counts()


def test_an_empty_finding_file_is_empty() -> None:
    with FindingFile() as kept:
        assert not kept and list(kept) == [] and kept.counts() == dict.fromkeys(Severity, 0)
