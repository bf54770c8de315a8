"""The command line: :func:`main`, and one module per command."""

from sxstm.cli.main import main

__all__ = ["main"]
