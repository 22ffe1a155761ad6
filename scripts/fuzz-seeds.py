#!/usr/bin/env python3
"""Writes seed inputs for the `container` fuzz target into DIR: CT containers and a sample file
built from the project's own generic leaf certificate (nothing third-party), so the fuzzer
starts inside every reader. Usage: scripts/fuzz-seeds.py DIR"""
import base64, gzip, json, pathlib, struct, sys

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
root = pathlib.Path(__file__).resolve().parent.parent / "TestVectors" / "certificates"


def der(pem_path):
    text = (root / pem_path).read_text()
    body = text.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    return base64.b64decode("".join(body.split()))


leaf, issuer = der("leaf-ok.pem"), der("issuing-ca.pem")
u24 = lambda n: struct.pack(">I", n)[1:]
timestamp = struct.pack(">Q", 1_780_000_000_000)
# RFC 6962 MerkleTreeLeaf: version 0, timestamped_entry, x509_entry, no extensions.
merkle_leaf = b"\x00\x00" + timestamp + b"\x00\x00" + u24(len(leaf)) + leaf + b"\x00\x00"
chain = u24(3 + len(issuer)) + u24(len(issuer)) + issuer
(out / "leaf.bin").write_bytes(merkle_leaf)
page = {"entries": [{"leaf_input": base64.b64encode(merkle_leaf).decode(), "extra_data": base64.b64encode(chain).decode()}] * 2}
(out / "get-entries.json").write_text(json.dumps(page))
# static-ct-api data tile: TileLeaf entries (timestamp, x509 entry, extensions, chain fingerprints).
import hashlib
tile_leaf = timestamp + b"\x00\x00" + u24(len(leaf)) + leaf + b"\x00\x00" + struct.pack(">H", 32) + hashlib.sha256(issuer).digest()
(out / "tile.bin").write_bytes(tile_leaf * 3)
(out / "tile.gz").write_bytes(gzip.compress(tile_leaf * 3, mtime=0))
header = {"trustauditSample": 1, "sampling": {"method": "reservoir", "seed": "fuzz", "population": 3, "size": 1}}
entry = {"index": 2, "source": "leaf-ok.pem#1", "bytes": base64.b64encode(leaf).decode()}
(out / "sample.txt").write_text(json.dumps(header) + "\n" + json.dumps(entry) + "\n")
