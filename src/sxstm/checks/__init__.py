"""QA checks on pairs: a registry of small functions, each documented by its docstring.

The modules below register their checks when imported; :data:`CHECKS` holds them in code order.
"""

from sxstm.checks import consistency, identifiers, links, markup, numbers, punctuation, spacing, terms, words
from sxstm.checks.consistency import Checked, across, check_document
from sxstm.checks.registry import (
    CHECKS,
    At,
    Check,
    Context,
    Profile,
    Scope,
    Seen,
    check,
    default_profile,
    resolve,
    run_check,
    run_checks,
    select,
)

__all__ = [
    "CHECKS",
    "At",
    "Check",
    "Checked",
    "Context",
    "Profile",
    "Scope",
    "Seen",
    "across",
    "check",
    "check_document",
    "default_profile",
    "resolve",
    "run_check",
    "run_checks",
    "select",
]

_MODULES = (
    consistency,
    identifiers,
    links,
    markup,
    numbers,
    punctuation,
    spacing,
    terms,
    words,
)  # imported for their checks
for _code in sorted(CHECKS):
    CHECKS[_code] = CHECKS.pop(_code)  # code order, whatever the module order
