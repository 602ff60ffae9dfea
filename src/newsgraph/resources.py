"""The one cached, validating loader of the package's data files (``newsgraph/data``)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources as _res
from typing import Any

import yaml

from .errors import ResourceError

_DATA = "newsgraph.data"
# libyaml's safe loader when PyYAML has it (its wheels do): the data files load about ten times
# faster, which is most of a worker's start-up after spaCy.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"


class _Loader(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """Booleans as YAML 1.2 reads them, only true and false: in YAML 1.1 an unquoted `on`, `off`,
    `yes` or `no` is a boolean, and word lists lost "on" (a preposition), "no" (a negation)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_LOADER = _Loader


def parse_yaml(text: str) -> Any:
    """YAML text with the data files' loader (user files such as ``--actors FILE`` too)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)


def data_path(*parts: str):
    """A Traversable for a file under ``newsgraph/data``."""
    node = _res.files(_DATA)
    for part in parts:
        node = node.joinpath(part)
    return node


@functools.cache
def load_yaml(*parts: str) -> Any:
    node = data_path(*parts)
    try:
        return parse_yaml(node.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ResourceError(f"data file {'/'.join(parts)} is missing") from exc
    except yaml.YAMLError as exc:
        raise ResourceError(f"data file {'/'.join(parts)} is not valid YAML: {exc}") from exc


def _require(mapping: dict, key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise ResourceError(f"{where}: missing key {key!r}")
    return mapping[key]


@functools.cache
def clean_rules() -> "CleanRules":
    """The compiled rules of ``data/clean/rules.yaml``."""
    raw = load_yaml("clean", "rules.yaml")
    where = "data/clean/rules.yaml"
    months = {str(k).lower(): int(v) for k, v in _require(raw, "months", where).items()}
    date_alts = []
    date_forms = []
    for i, entry in enumerate(_require(raw, "dates", where)):
        pat = _require(entry, "pattern", f"{where} dates[{i}]")
        # Group names must be unique in one regex: number them per alternative.
        date_forms.append(re.compile(pat))
        date_alts.append(re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{i}>", pat))
    date_union = "(?:" + "|".join(f"(?:{a})" for a in date_alts) + ")"

    def compile_rule(entry: dict, ctx: str, **subs: str) -> tuple[str, re.Pattern]:
        pat = _require(entry, "pattern", ctx)
        for key, val in subs.items():
            pat = pat.replace("{" + key + "}", val)
        try:
            return entry.get("id", ctx), re.compile(pat)
        except re.error as exc:
            raise ResourceError(f"{ctx}: bad pattern: {exc}") from exc

    publication = [
        compile_rule(e, f"{where} publication_lines[{i}]", date=date_union)
        for i, e in enumerate(_require(raw, "publication_lines", where))
    ]
    bylines = _require(raw, "bylines", where)
    agencies = {str(k): str(v) for k, v in _require(raw, "agencies", where).items()}
    captions = _require(raw, "captions", where)
    credit = "|".join(
        re.escape(c) for c in sorted({*agencies, *captions.get("credits", [])}, key=len, reverse=True)
    )
    boiler = _require(raw, "boilerplate", where)
    headline = _require(raw, "headline", where)
    dateline = _require(raw, "dateline", where)
    return CleanRules(
        months=months,
        date_forms=tuple(date_forms),
        publication_lines=tuple(publication),
        byline_max_chars=int(bylines.get("max_chars", 120)),
        byline_patterns=tuple(
            compile_rule(e, f"{where} bylines.patterns[{i}]") for i, e in enumerate(bylines["patterns"])
        ),
        byline_exact=frozenset(s.casefold() for s in bylines.get("exact", [])),
        dateline=compile_rule(dateline, f"{where} dateline")[1],
        dateline_min_letters=int(dateline.get("min_place_letters", 2)),
        agencies=agencies,
        caption_max_chars=int(captions.get("max_chars", 300)),
        caption_patterns=tuple(
            compile_rule(e, f"{where} captions.patterns[{i}]", credit=credit)
            for i, e in enumerate(captions["patterns"])
        ),
        boilerplate_exact=frozenset(_normalise_boiler(s) for s in boiler.get("exact", [])),
        boilerplate_prefixes=tuple(s.casefold() for s in boiler.get("prefixes", [])),
        boilerplate_patterns=tuple(
            compile_rule(e, f"{where} boilerplate.patterns[{i}]") for i, e in enumerate(boiler.get("patterns", []))
        ),
        headline_max_chars=int(headline["max_chars"]),
        headline_max_words=int(headline["max_words"]),
        headline_not_ending=tuple(headline.get("not_ending_with", [])),
        headline_repeat_window=int(headline.get("repeat_window", 6)),
    )


def _normalise_boiler(line: str) -> str:
    return " ".join(line.casefold().rstrip(".:").split())


@dataclass(frozen=True)
class CleanRules:
    months: dict[str, int]
    date_forms: tuple[re.Pattern, ...]
    publication_lines: tuple[tuple[str, re.Pattern], ...]
    byline_max_chars: int
    byline_patterns: tuple[tuple[str, re.Pattern], ...]
    byline_exact: frozenset[str]
    dateline: re.Pattern
    dateline_min_letters: int
    agencies: dict[str, str]
    caption_max_chars: int
    caption_patterns: tuple[tuple[str, re.Pattern], ...]
    boilerplate_exact: frozenset[str]
    boilerplate_prefixes: tuple[str, ...]
    boilerplate_patterns: tuple[tuple[str, re.Pattern], ...]
    headline_max_chars: int
    headline_max_words: int
    headline_not_ending: tuple[str, ...]
    headline_repeat_window: int

    def is_boilerplate(self, line: str) -> str | None:
        """The rule id that marks ``line`` as boilerplate, or None."""
        if _normalise_boiler(line) in self.boilerplate_exact:
            return "boilerplate-exact"
        folded = line.casefold()
        if any(folded.startswith(p) for p in self.boilerplate_prefixes):
            return "boilerplate-prefix"
        for rule_id, pat in self.boilerplate_patterns:
            if pat.search(line):
                return rule_id
        return None
