"""Driver: every vector as one {path: bytes} map plus expected.json, writing and comparing the
tree (--check), and the --bulk certificates.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .oids import OID_CN
from .keys import load_keys
from .pki import PKI
from .records import Output
from .certificates import build_certificates
from .etsi import etsi_baseline, etsi_cert
from .etsi_mutations import build_etsi
from .timestamps import build_timestamps
from .trusted_lists import build_trusted_lists
from .revocation_vectors import build_revocation

TV_ROOT = Path(__file__).resolve().parent.parent.parent  # .../TestVectors (this is generator/trustaudit_vectors/)
KEYS_DIR = TV_ROOT / "keys"
OUTPUT_DIRS = ("certificates", "revocation", "timestamps", "trusted-lists")
OUTPUT_FILES = ("expected.json",)
EXPECTED_SCHEMA = "https://trustaudit.invalid/schemas/test-vectors-expected/1"


def generate_all(keys: dict) -> dict[str, bytes]:
    pki = PKI(keys)
    out = Output()
    build_certificates(pki, out)
    build_etsi(pki, out)
    build_timestamps(pki, out)
    build_trusted_lists(pki, out)
    build_revocation(pki, out)
    expected = {
        "schema": EXPECTED_SCHEMA,
        "generator": "TestVectors/generator/generate.py",
        "notes": [
            "One entry per input file, sorted by path; records are in file order.",
            "verdict is 'conforming' when failed is empty, 'minor' when every failed requirement is a recommendation "
            "('should') for that item, else 'major'.",
            "Records of certificates/etsi/* also give profile: the profile TrustAudit should auto-detect for the item "
            "(a mutation keeps the profile of its <profile>__ok baseline).",
            "Records of trusted-lists/* also give profile: the trusted-list profile the expectation is for "
            "(ts119612-signed, the default for trusted lists: document rules plus the XMLDSig signature rules).",
            "kind 'unknown' always fails INPUT-001.",
            "Records of revocation/* with kind 'crl' or 'ocspResponse' are for the default profiles en319411-crl and "
            "en319411-ocsp; the TLS variants (en319411-crl-tls, en319411-ocsp-tls) appear as withInputs --profile.",
            "Expectations are for `trustaudit check --quiet --at 2026-06-01T00:00:00Z FILE` (no other input). A record "
            "with withInputs also gives the verdict and failed ids of the same command with withInputs.args added "
            "(paths relative to TestVectors/).",
            "defects[].offset/length are octet positions; within='DER' means inside the decoded DER of the "
            "(single) PEM block, within='file' means the raw file bytes.",
        ],
        "nonInputs": ["revocation/ocsp-request.der", "revocation/ocsp-responder.pem",
                      "timestamps/data.txt", "timestamps/request-nonce-match.tsq", "timestamps/request-nonce-other.tsq",
                      "timestamps/request-policy-other.tsq", "trusted-lists/anchors.pem"],
        "files": [out.expected[p] for p in sorted(out.expected)],
    }
    out.files["expected.json"] = (json.dumps(expected, indent=2, sort_keys=False, ensure_ascii=True) + "\n").encode()
    return out.files


def write_tree(files: dict[str, bytes], root: Path):
    for d in OUTPUT_DIRS:
        p = root / d
        if p.exists():
            shutil.rmtree(p)
    for rel in sorted(files):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(files[rel])


def tree_files(root: Path) -> dict[str, bytes]:
    res = {}
    for d in OUTPUT_DIRS:
        base = root / d
        if base.is_dir():
            for p in sorted(base.rglob("*")):
                if p.is_file():
                    res[p.relative_to(root).as_posix()] = p.read_bytes()
    for f in OUTPUT_FILES:
        if (root / f).is_file():
            res[f] = (root / f).read_bytes()
    return res


def check() -> int:
    keys = load_keys(KEYS_DIR, create=False)
    with tempfile.TemporaryDirectory(prefix="trustaudit-tv-") as tmp:
        write_tree(generate_all(keys), Path(tmp))
        fresh = tree_files(Path(tmp))
    committed = tree_files(TV_ROOT)
    bad = 0
    for rel in sorted(set(fresh) | set(committed)):
        if rel not in committed:
            print("MISSING  %s" % rel)
            bad += 1
        elif rel not in fresh:
            print("EXTRA    %s" % rel)
            bad += 1
        elif fresh[rel] != committed[rel]:
            print("DIFFERS  %s" % rel)
            bad += 1
    if bad:
        print("%d file(s) out of date; run %s" % (bad, "generate.py"))
        return 1
    print("OK: %d files match" % len(fresh))
    return 0


# The end-entity types of EN 319 412 / TS 119 495 / EN 319 422 that --bulk rotates through, so a
# benchmark measures the full profile checks of every type, not the RFC 5280 basics alone.
BULK_PROFILES = ["qcp-n-qscd", "qcp-n", "qcp-l-qscd", "qcp-l", "qevcp-w", "qncp-w",
                 "psd2-qwac", "psd2-qsealc", "ncp-n", "ncp-l", "tsu"]


def bulk(n: int, outdir: Path) -> int:
    """N conforming certificates, the conforming baseline of each type in turn with its own serial
    and (for person, seal and TSU types) its own commonName."""
    pki = PKI(load_keys(KEYS_DIR, create=False))
    outdir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    for i in range(n):
        profile = BULK_PROFILES[i % len(BULK_PROFILES)]
        d = etsi_baseline(profile)
        if profile not in ("qevcp-w", "qncp-w", "psd2-qwac"):  # web CNs stay equal to the SAN
            d["subject"] = [(a, "%s %06d" % (v, i)) if a == OID_CN else (a, v) for a, v in d["subject"]]
        der = etsi_cert(pki, "bulk/%d" % i, d)
        (outdir / ("cert-%06d.der" % i)).write_bytes(der)
    print("wrote %d certificates to %s in %.1fs" % (n, outdir, time.monotonic() - t0), file=sys.stderr)
    return 0
