"""Settings from ``[tool.sxstm]`` in the nearest ``pyproject.toml``, or from ``sxstm.toml``.

Keys are option names without dashes' prefix (``source-lang = "en-US"``). ``[tool.sxstm]`` holds
settings for every command; ``[tool.sxstm.<command>]`` those for one command, which win.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path
from typing import Any

from sxstm.errors import UsageError


def find_config(start: Path) -> Path | None:
    """Return the nearest ``sxstm.toml`` or ``pyproject.toml`` with a ``[tool.sxstm]`` table."""
    for folder in (start, *start.parents):
        for name in ("sxstm.toml", "pyproject.toml"):
            candidate = folder / name
            if candidate.is_file() and (name == "sxstm.toml" or b"[tool.sxstm" in candidate.read_bytes()):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def load_settings(path: Path, command: str) -> dict[str, Any]:
    """Read the settings for ``command`` from ``path``, keys with ``-`` turned into ``_``."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read settings: {error}", path=str(path)) from error
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"invalid TOML: {error}", path=str(path)) from error
    table = (
        document.get("tool", {}).get("sxstm", {})
        if path.name == "pyproject.toml"
        else document.get("tool", {}).get("sxstm", document)
    )
    settings = {key: value for key, value in table.items() if not isinstance(value, dict)}
    settings.update(table.get(command, {}))
    return {key.replace("-", "_"): value for key, value in settings.items()}


def apply_settings(command: argparse.ArgumentParser, settings: dict[str, object], path: Path) -> None:
    """Make ``settings`` the defaults of ``command``'s options, checking names and types."""
    actions = {action.dest: action for action in command._actions if action.option_strings}
    for key, value in list(settings.items()):
        action = actions.get(key)
        if isinstance(value, dict) and isinstance(action, argparse._AppendAction):
            value = settings[key] = [f"{name}={_joined(item)}" for name, item in value.items()]
        name = key.replace("_", "-")
        if action is None or key == "help":
            raise UsageError(f"unknown setting {name!r} for sxstm {command.prog.split()[-1]}", path=str(path))
        if isinstance(action, argparse._StoreConstAction):
            expected: type = bool
        elif isinstance(action, argparse._AppendAction):
            expected = list
        else:
            expected = action.type if isinstance(action.type, type) else str
        wrong = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
        if wrong or (expected is list and not all(isinstance(item, str) for item in value)):  # type: ignore[attr-defined]
            raise UsageError(f"setting {name!r} takes {_KINDS[expected]}, not {value!r}", path=str(path))
        if action.choices is not None and value not in action.choices:
            raise UsageError(f"setting {name!r} takes one of {', '.join(map(str, action.choices))}", path=str(path))
    for key in _PATH_SETTINGS & settings.keys():  # a file named in settings is found beside them
        settings[key] = str(path.parent / str(settings[key]))
    command.set_defaults(**settings)


_PATH_SETTINGS = {"glossary", "baseline"}


def _joined(value: object) -> str:
    """A table value of a setting as an option value: a list joined with commas."""
    return ",".join(map(str, value)) if isinstance(value, list) else str(value)


_KINDS = {bool: "true or false", list: "a list of strings", int: "a whole number", str: "a string"}
