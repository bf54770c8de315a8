"""Run the command line: ``python -m sxstm``."""

from sxstm.cli import main

raise SystemExit(main())
