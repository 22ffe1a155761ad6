#!/usr/bin/env python3
"""Writes the requirement counts in README.md (between the `counts` markers) from
Profiles/catalogue/*.yaml, and with `--listing FILE` the `$ trustaudit profiles` example from
that command's output, so no count in the docs is kept by hand (CommandLineTests compares the
example with the binary's output).

Reads the catalogue's own simple layout (`- id:` items with `standard:` and `automation:` keys)
without a YAML library. Usage: python3 scripts/doc-counts.py [--check]
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
readme = root / "README.md"
begin, end = "<!-- counts:begin (scripts/doc-counts.py) -->", "<!-- counts:end -->"


def requirements():
    for path in sorted((root / "Profiles" / "catalogue").glob("*.yaml")):
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            item = re.match(r"\s*- id:\s*(\S+)", line)
            if item:
                if current:
                    yield current
                current = {"id": item.group(1)}
                continue
            field = re.match(r"\s+(standard|automation):\s*(.+?)\s*$", line)
            if current is not None and field:
                current[field.group(1)] = field.group(2).strip("\"'")
        if current:
            yield current


def block():
    reqs = list(requirements())
    automatic = sum(r.get("automation") == "automatic" for r in reqs)
    by_standard = {}
    for r in reqs:
        counts = by_standard.setdefault(r["standard"], [0, 0])
        counts[0 if r.get("automation") == "automatic" else 1] += 1
    lines = [
        begin,
        f"The catalogue holds {len(reqs)} requirements: {automatic} evaluated automatically, "
        f"{len(reqs) - automatic} listed as",
    ]
    return lines, ["| standard (as cited) | automatic | manual |", "|---|---:|---:|"] + [
        f"| {standard} | {a} | {m} |" for standard, (a, m) in by_standard.items()] + [end]


def render(text):
    head, table = block()
    start, stop = text.index(begin), text.index(end) + len(end)
    inner = text[start:stop]
    # The sentence continues after the count line; the table sits after a blank line.
    sentence_end = inner.index("\n", inner.index("The catalogue holds ")) + 1
    prose = inner[sentence_end:inner.index("| standard (as cited)")]
    return text[:start] + "\n".join(head) + "\n" + prose + "\n".join(table) + text[stop:]


def with_listing(text, listing):
    head = "```\n$ trustaudit profiles\n"
    start = text.index(head) + len(head)
    return text[:start] + listing.rstrip("\n") + "\n" + text[text.index("```", start):]


text = readme.read_text(encoding="utf-8")
updated = render(text)
if "--listing" in sys.argv:
    updated = with_listing(updated, pathlib.Path(sys.argv[sys.argv.index("--listing") + 1]).read_text(encoding="utf-8"))
if "--check" in sys.argv:
    if updated != text:
        sys.exit("README.md requirement counts are stale: run `make profiles`")
    print("README.md requirement counts match the catalogue")
else:
    readme.write_text(updated, encoding="utf-8")
