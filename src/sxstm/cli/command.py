"""The command record: what ``cli.main`` needs to offer a command, one per module of :mod:`sxstm.cli`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from sxstm.cli.run import Run

Handler = Callable[[argparse.Namespace, Run], int]


@dataclass(frozen=True, slots=True)
class Command:
    """A command of ``sxstm``: its name and help texts, its options, and the function that runs it.

    ``add_arguments`` adds the command's arguments to its parser; ``handle`` runs the command
    with the parsed arguments and returns the exit code. A command with an ``epilog`` has its
    description and epilog printed as written, line breaks kept; without one, argparse wraps
    the description.
    """

    name: str
    help: str
    description: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    handle: Handler
    epilog: str | None = None
