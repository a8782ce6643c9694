"""Rendering a Document: text, JSON, JSONL and the --explain listing."""

from __future__ import annotations

import json
from typing import Any

from cleaner.document import Document

_RED = "\x1b[31m"
_STRIKE = "\x1b[9m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def to_record(doc: Document, *, source: str | None = None, removed: bool = True) -> dict[str, Any]:
    record = doc.as_dict(include_removed=removed)
    if source is not None:
        record = {"source": source, **record}
    return record


def to_json(doc: Document, *, removed: bool = True) -> str:
    return render_json(to_record(doc, removed=removed), indent=2)


def to_jsonl(doc: Document, *, source: str | None = None, removed: bool = True) -> str:
    return render_json(to_record(doc, source=source, removed=removed))


# Line breaks to Python's str.splitlines (and to JavaScript) that JSON leaves unescaped.
_LINE_BREAKS = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def render_json(value: Any, *, indent: int | None = None) -> str:
    """``value`` as JSON text that every reader splits into the same lines and that always
    encodes as UTF-8: the line breaks JSON allows raw (U+0085, U+2028, U+2029) are escaped,
    and so is everything else when the value holds a lone surrogate (from "\\ud800" in an
    input record)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    for char, escape in _LINE_BREAKS:
        if char in text:
            text = text.replace(char, escape)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, indent=indent)
    return text


def explain(doc: Document, *, color: bool = False) -> str:
    """Every non-blank line of the repaired input, kept (+) or struck out (-) with its rule."""
    width = len(str(len(doc.lines)))
    rules = [doc.rule_of(i) for i in range(len(doc.lines))]
    rule_width = max((len(r) for r in rules if r), default=0)
    out: list[str] = []
    for number, (line, rule) in enumerate(zip(doc.lines, rules, strict=True), start=1):
        if not line:
            continue
        if rule is None:
            out.append(f"{number:>{width}} + {'':<{rule_width}}  {line}")
        elif color:
            out.append(
                f"{number:>{width}} {_RED}-{_RESET} {_DIM}{rule:<{rule_width}}{_RESET}  "
                f"{_RED}{_STRIKE}{line}{_RESET}"
            )
        else:
            out.append(f"{number:>{width}} - {rule:<{rule_width}}  {line}")
    meta = doc.metadata
    counts = doc.removal_counts()
    summary = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    out.append("")
    out.append(
        f"kept {sum(1 for _ in doc.kept_lines())} lines, removed {sum(counts.values())}"
        + (f" ({summary})" if summary else "")
    )
    for field in ("title", "author", "date", "dateline", "language"):
        value = getattr(meta, field)
        if value is not None:
            out.append(f"{field}: {value}")
    if meta.repairs:
        out.append(f"repairs: {', '.join(meta.repairs)}")
    return "\n".join(out)
