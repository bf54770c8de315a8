"""Exceptions of sxstm: one root, subclasses that carry where the problem is and the exit code
the command line turns them into (1: the input or the output failed, 2: the request is wrong)."""

from __future__ import annotations

from typing import ClassVar

from sxstm.model import Finding


class SxstmError(Exception):
    """Root of every error sxstm raises on purpose."""

    exit_code: ClassVar[int] = 1

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.message, self.path, self.line, self.column))

    def __str__(self) -> str:
        where = [str(part) for part in (self.path, self.line, self.column) if part is not None]
        return ":".join([*where, f" {self.message}"]) if where else self.message


class InputError(SxstmError):
    """The input cannot be read as asked: missing path, binary file, no locale."""


class NotTextError(InputError):
    """A reviewed file names a character that is no character at all (``<cp hex="zz"/>``)."""


class UnreadableDocumentError(InputError):
    """A document that cannot be read at all (unreadable, binary); ``finding`` is the reader's
    problem about it (SX005, SX006), reported with its code."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message, path=finding.path, line=finding.line, column=finding.column)
        self.finding = finding

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.finding,))


class WorkerError(SxstmError):
    """A worker process could not start, or died (killed, out of memory, a crash in C code) and its
    work was lost."""


class UsageError(SxstmError):
    """The request itself is wrong: unknown format, conflicting options."""

    exit_code = 2


class OutputError(SxstmError):
    """An output file cannot be written where asked (a full disk, a folder in the way)."""


class LocaleError(UsageError):
    """A document names no target locale and none was given: the run cannot go on."""


def read_error(error: OSError, path: str, what: str = "") -> InputError:
    """Return the error for a file that cannot be read: ``cannot read[ what]: reason``."""
    return InputError(f"cannot read{' ' + what if what else ''}: {error.strerror or error}", path=path)


def _rebuild(
    kind: type[SxstmError], message: str, path: str | None, line: int | None, column: int | None
) -> SxstmError:
    return kind(message, path=path, line=line, column=column)
