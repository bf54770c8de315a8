"""``sxstm qa --changed-since REV``: keep only the findings on pairs added or changed since a git revision.

Pairs are compared one by one, keyed by id and texts, so that a pair that only moved is not
reported. This module is the one place that runs git.
"""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sxstm.cli.paths import repository_root
from sxstm.errors import UsageError
from sxstm.model import Document, Finding
from sxstm.sxs.files import read_regular
from sxstm.sxs.reader import ReadOptions, parse_document
from sxstm.sxs.sources import find_sources

# The locale plays no part in comparing pairs; naming one keeps a file without any readable.
_OPTIONS = ReadOptions(target_locale="und", contexts=False)


@dataclass(frozen=True, slots=True)
class Changes:
    """What changed in one file since the revision: all of it (a new file), or these pair ids."""

    new_file: bool
    file_changed: bool
    pair_ids: frozenset[str]

    def covers(self, finding: Finding) -> bool:
        """Whether ``finding`` lies on what changed (a finding without a pair: on a changed file)."""
        if self.new_file:
            return True
        if finding.pair_id is None:
            return self.file_changed
        return finding.pair_id in self.pair_ids


@dataclass(frozen=True, slots=True)
class ChangedSince:
    """The markdown files of a run and the git revision their findings are compared with."""

    files: dict[str, Path]
    git: _Git
    # What changed in each file asked about: qa keeps each document's findings as they come,
    # then the run-level checks' (on the same files).
    _changes: dict[str, Changes] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def open(cls, docs: Sequence[str], revision: str, *, exclude: Sequence[str] = ()) -> ChangedSince:
        """Find the repository and check ``revision`` before the run, so that a mistake stops it at once.

        Raises :class:`UsageError` outside a git repository or for an unknown revision.
        """
        files = {source.name: Path(source.path) for source in find_sources(docs, exclude=exclude)} if docs else {}
        return cls(files, _Git.around(next(iter(files.values())).parent if files else Path.cwd(), revision))

    def keep(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings on pairs added or changed since the revision; those on files that are not
        markdown of the run (reviewed files) are kept."""
        changes = self._changes
        kept = []
        for finding in findings:
            path = self.files.get(finding.path)
            if path is None:
                kept.append(finding)
                continue
            if finding.path not in changes:
                changes[finding.path] = self.git.changes(path)
            if changes[finding.path].covers(finding):
                kept.append(finding)
        return kept


def changed_pair_ids(old: Document, new: Document) -> frozenset[str]:
    """The ids of the pairs of ``new`` that ``old`` does not hold with the same id and texts."""
    before = Counter(_keys(old))
    changed = set()
    for pair_id, key in zip((pair.id for pair in new.pairs), _keys(new), strict=True):
        if before[key]:
            before[key] -= 1
        else:
            changed.add(pair_id)
    return frozenset(changed)


def _keys(document: Document) -> Iterator[tuple[str, str, str]]:
    return ((pair.id, pair.source.text, pair.target.text) for pair in document.pairs)


@dataclass(frozen=True, slots=True)
class _Git:
    top: Path
    revision: str

    @classmethod
    def around(cls, folder: Path, revision: str) -> _Git:
        """The repository holding ``folder``, with ``revision`` checked to name a commit."""
        top = repository_root(folder)
        if top is None:
            raise UsageError(f"--changed-since needs a git repository: {folder} is not in one")
        if _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
            raise UsageError(f"--changed-since: unknown git revision {revision!r}")
        return cls(top, revision)

    def changes(self, path: Path) -> Changes:
        try:
            inside = path.resolve().relative_to(self.top.resolve()).as_posix()
        except ValueError:
            return Changes(new_file=True, file_changed=True, pair_ids=frozenset())
        done = _git(self.top, "show", f"{self.revision}:{inside}")
        if done.returncode != 0:
            return Changes(new_file=True, file_changed=True, pair_ids=frozenset())
        try:  # only a regular file: a FIFO or a device would hang or never end
            data = read_regular(path)
        except OSError:  # the reader reported it (SX005): its findings are all new
            return Changes(new_file=True, file_changed=True, pair_ids=frozenset())
        if data == done.stdout:
            return Changes(new_file=False, file_changed=False, pair_ids=frozenset())
        old = parse_document(done.stdout, inside, options=_OPTIONS)
        new = parse_document(data, inside, options=_OPTIONS)
        return Changes(new_file=False, file_changed=True, pair_ids=changed_pair_ids(old, new))


def _git(folder: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None
