"""Reporters for QA findings: one module per output format, each registering its writer.

Adding a reporter is one module that registers it with
:func:`~sxstm.reports.registry.reporter`, named in the import below, and its golden file
under ``tests/golden/reports/``.
"""

from sxstm.reports import github, gitlab, html, json_report, junit, sarif, text
from sxstm.reports.registry import REPORTERS, Report, Reporter, reporter

__all__ = ["REPORTERS", "Report", "Reporter", "reporter"]

_MODULES = (github, gitlab, html, json_report, junit, sarif, text)  # imported for their reporters
for _name in sorted(REPORTERS):
    REPORTERS[_name] = REPORTERS.pop(_name)  # name order, whatever the module order
