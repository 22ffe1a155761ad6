#!/usr/bin/env python3
"""TrustAudit test-vector generator.

Builds every file under TestVectors/{certificates,revocation,timestamps,trusted-lists}/ and
TestVectors/expected.json from the committed test keys in TestVectors/keys/.
All ASN.1 is produced by the hand-rolled DER encoder (trustaudit_vectors/der.py) so that
deliberately broken encodings can be made; `cryptography` is used only for RSA keys and
RSA PKCS#1 v1.5 signing (deterministic), so the output is byte-for-byte
reproducible. The builders live in the package trustaudit_vectors/ beside this script, one
module per concept (listed in README.md); this file is only the command line.

Usage:
    python3 TestVectors/generator/generate.py            # (re)write the vectors
    python3 TestVectors/generator/generate.py --check    # regenerate into a temp dir, diff, exit 1 on change
    python3 TestVectors/generator/generate.py --bulk N OUTDIR   # N conforming leaf certs (DER), not committed
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trustaudit_vectors.keys import load_keys
from trustaudit_vectors.tree import KEYS_DIR, TV_ROOT, bulk, check, generate_all, write_tree


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="regenerate into a temp dir and fail if committed files differ")
    ap.add_argument("--bulk", nargs=2, metavar=("N", "OUTDIR"), help="write N conforming end-entity certificates of every ETSI type (DER) to OUTDIR")
    ap.add_argument("--out", type=Path, default=TV_ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.check:
        return check()
    if args.bulk:
        return bulk(int(args.bulk[0]), Path(args.bulk[1]))
    keys = load_keys(KEYS_DIR, create=True)
    files = generate_all(keys)
    write_tree(files, args.out)
    print("wrote %d files under %s" % (len(files), args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
