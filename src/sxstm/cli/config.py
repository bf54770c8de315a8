"""Settings from ``[tool.sxstm]`` in the nearest ``pyproject.toml``, or from ``sxstm.toml``.

The nearest file is looked for the way ruff does: from the checked files' common folder up to
the repository root; only when none is there, from the working folder up.

Keys are option names without dashes' prefix (``source-lang = "en-US"``). ``[tool.sxstm]`` holds
settings for every command that has the option; ``[tool.sxstm.<command>]`` those for one
command, which win. Every mistake in them is a :class:`UsageError` naming the file.
"""

from __future__ import annotations

import argparse
import os
import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sxstm.errors import UsageError


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings a file holds for one command: ``shared`` by every command, and its ``own``.

    Keys are option destinations (``source_lang``).
    """

    path: Path
    shared: Mapping[str, object]
    own: Mapping[str, object]


def find_settings(docs: Sequence[str], cwd: Path) -> Path | None:
    """Return the settings file for a run on ``docs``: the nearest to their common folder, else to ``cwd``."""
    found = find_config(common_folder(docs, cwd)) if docs else None
    return found if found is not None else find_config(cwd)


def common_folder(docs: Sequence[str], cwd: Path) -> Path:
    """The deepest folder holding every existing path of ``docs`` (``cwd`` when none exists)."""
    folders = [path if path.is_dir() else path.parent for path in (cwd / name for name in docs) if path.exists()]
    return Path(os.path.commonpath([os.path.abspath(folder) for folder in folders])) if folders else cwd


def find_config(start: Path) -> Path | None:
    """Return the nearest ``sxstm.toml`` or ``pyproject.toml`` with a ``[tool.sxstm]`` table."""
    for folder in (start, *start.parents):
        for name in ("sxstm.toml", "pyproject.toml"):
            candidate = folder / name
            if not candidate.is_file():
                continue
            try:
                if name == "sxstm.toml" or b"[tool.sxstm" in candidate.read_bytes():
                    return candidate
            except OSError:
                return candidate  # load_settings says why it cannot be read
        if (folder / ".git").exists():
            return None
    return None


def load_settings(path: Path, command: str, commands: Collection[str]) -> Settings:
    """Read the settings for ``command`` from ``path``; ``commands`` names every command's table."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read settings: {error}", path=str(path)) from error
    except tomllib.TOMLDecodeError as error:
        where = _TOML_WHERE.fullmatch(str(error))
        if where is None:
            raise UsageError(f"invalid TOML: {error}", path=str(path)) from error
        message, line, column = where.groups()
        raise UsageError(f"invalid TOML: {message}", path=str(path), line=int(line), column=int(column)) from error
    tool = _table(document, "tool", "[tool]", path)
    if path.name == "pyproject.toml" or "sxstm" in tool:
        table, prefix = _table(tool, "sxstm", "[tool.sxstm]", path), "tool.sxstm."
    else:  # sxstm.toml may hold the settings at its top level
        table, prefix = document, ""
    shared = {key: value for key, value in table.items() if key not in commands}
    own = _table(table, command, f"[{prefix}{command}]", path)
    return Settings(path, _dests(shared), _dests(own))


_TOML_WHERE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)", re.DOTALL)


def _table(document: Mapping[str, object], key: str, name: str, path: Path) -> dict[str, object]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise UsageError(f"{name} must be a table of settings, not {value!r}", path=str(path))
    return value


def _dests(table: Mapping[str, object]) -> dict[str, object]:
    return {key.replace("-", "_"): value for key, value in table.items()}


def apply_settings(
    parser: argparse.ArgumentParser,
    command: str,
    settings: Settings,
    every_parser: Callable[[], Iterable[argparse.ArgumentParser]],
) -> None:
    """Make ``settings`` the defaults of the options of ``parser``, the parser of ``command``,
    checking names and types.

    A shared setting that ``command`` lacks is left to the commands that have it; one that no
    command has (none of ``every_parser()``, asked only then) is an error.
    """
    actions = _options(parser)
    others = settings.shared.keys() - actions.keys()
    known = {dest for each in every_parser() for dest in _options(each)} if others else set()
    for key in others - known:
        raise UsageError(f"unknown setting {key.replace('_', '-')!r} in [tool.sxstm]", path=str(settings.path))
    for key in settings.own.keys() - actions.keys():
        raise UsageError(f"unknown setting {key.replace('_', '-')!r} for sxstm {command}", path=str(settings.path))
    chosen = {key: value for key, value in settings.shared.items() if key in actions}
    chosen.update(settings.own)
    defaults = {key: _checked(actions[key], value, settings.path) for key, value in chosen.items()}
    for key in _PATH_SETTINGS & defaults.keys():  # a file named in settings is found beside them
        defaults[key] = str(settings.path.parent / str(defaults[key]))
    parser.set_defaults(**defaults, settings_folder=str(settings.path.parent.absolute()))


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {action.dest: action for action in parser._actions if action.option_strings and action.dest != "help"}


def _checked(action: argparse.Action, value: object, path: Path) -> object:
    """``value`` as the default of ``action``, if it is of the option's kind; a table becomes ``KEY=VALUE`` items."""
    name = action.dest.replace("_", "-")
    if isinstance(value, dict) and isinstance(action, argparse._AppendAction):
        if not all(isinstance(item, str) or _strings(item) for item in value.values()):
            raise UsageError(
                f"setting {name!r} takes a table of strings or lists of strings, not {value!r}", path=str(path)
            )
        value = [f"{key}={item if isinstance(item, str) else ','.join(item)}" for key, item in value.items()]
    if isinstance(action, argparse._StoreConstAction):
        expected: type = bool
    elif isinstance(action, argparse._AppendAction):
        expected = list
    else:
        expected = action.type if isinstance(action.type, type) else str
    wrong = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
    if wrong or (expected is list and not _strings(value)):
        raise UsageError(f"setting {name!r} takes {_KINDS[expected]}, not {value!r}", path=str(path))
    if expected is list and callable(action.type):  # each item as the option's own values are read
        for item in value:  # type: ignore[attr-defined]
            try:
                action.type(item)
            except (argparse.ArgumentTypeError, ValueError) as error:
                raise UsageError(f"setting {name!r}: {error}", path=str(path)) from None
    if action.choices is not None and value not in action.choices:
        raise UsageError(f"setting {name!r} takes one of {', '.join(map(str, action.choices))}", path=str(path))
    return value


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_PATH_SETTINGS = {"glossary", "baseline"}
_KINDS = {bool: "true or false", list: "a list of strings", int: "a whole number", str: "a string"}
