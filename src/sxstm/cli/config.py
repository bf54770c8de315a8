"""Settings from ``[tool.sxstm]`` in the nearest ``pyproject.toml``, or from ``sxstm.toml``.

Keys are option names without dashes' prefix (``source-lang = "en-US"``). ``[tool.sxstm]`` holds
settings for every command; ``[tool.sxstm.<command>]`` those for one command, which win.
"""

from __future__ import annotations

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
