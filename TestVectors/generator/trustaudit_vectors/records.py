"""Expected results bookkeeping: expected.json records, the Output collector of files and
records, and defect spans.
"""

from __future__ import annotations


def rec(kind: str, failed=()) -> dict:
    failed = list(failed)
    if kind == "unknown":
        failed = ["INPUT-001"]
    return {"kind": kind, "verdict": "major" if failed else "conforming", "failed": failed}


def leaf_rec(failed=()) -> dict:
    """A record of the generic leaf or one of its RFC 5280 mutations: it claims no ETSI or CA/B
    profile (no policy, no qcStatements), so TrustAudit checks the RFC 5280 basics and reports
    CERT-300 as an observation."""
    failed = list(failed) + ["CERT-300"]
    graded = [f for f in failed if f != "CERT-300"]
    return {"kind": "certificate", "verdict": "major" if graded else "observation", "failed": failed}


def ca_rec() -> dict:
    """The test root and issuing CA name no organizationIdentifier: TrustAudit reports CERT-213
    as an observation (required only if the TSP is a legal person, which the auditor confirms)."""
    return {"kind": "certificate", "verdict": "observation", "failed": ["CERT-213"]}


def find_once(hay: bytes, needle: bytes) -> int:
    i = hay.find(needle)
    assert i >= 0 and hay.find(needle, i + 1) < 0, "needle not unique"
    return i


class Output:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.expected: dict[str, dict] = {}

    def add(self, path: str, data: bytes, records=None, defects=None, note=None):
        assert path not in self.files
        self.files[path] = data
        if records is not None:
            entry = {"path": path, "records": records}
            if defects:
                entry["defects"] = defects
            if note:
                entry["note"] = note
            self.expected[path] = entry


def defect(offset: int, length: int, what: str, within: str = "file") -> dict:
    return {"offset": offset, "length": length, "within": within, "what": what}
