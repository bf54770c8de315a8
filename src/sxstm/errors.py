"""Exceptions of sxstm: one root, subclasses that carry where the problem is."""

from __future__ import annotations


class SxstmError(Exception):
    """Root of every error sxstm raises on purpose."""

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


class UsageError(SxstmError):
    """The request itself is wrong: unknown format, conflicting options."""


class OutputError(UsageError):
    """An output file cannot be written where asked."""


class LocaleError(UsageError):
    """A document names no target locale and none was given: the run cannot go on."""


def read_error(error: OSError, path: str, what: str = "") -> InputError:
    """Return the error for a file that cannot be read: ``cannot read[ what]: reason``."""
    return InputError(f"cannot read{' ' + what if what else ''}: {error.strerror or error}", path=path)


def _rebuild(
    kind: type[SxstmError], message: str, path: str | None, line: int | None, column: int | None
) -> SxstmError:
    return kind(message, path=path, line=line, column=column)
