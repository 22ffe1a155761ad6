"""The committed RSA test keys (TestVectors/keys/*-key.pem) and what is derived from them:
SubjectPublicKeyInfo, key identifiers and RSA PKCS#1 v1.5 signatures (deterministic, so every
vector is reproducible byte for byte).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .der import bit_string, integer, null, oid, seq
from .oids import OID_RSA

# name -> RSA modulus size. "weak-rsa1024" exists only for the key-size vectors
# (etsi/qcp-n-qscd__rsa1024.pem, timestamps/token-tsu-rsa1024.tst); "qualified-ca" is the ETSI
# sub-CA of etsi/ca__*.pem; "other-root-ca" is the unrelated root of timestamps/token-other-ca.tst;
# "tl-signer" signs the trusted-lists/tl-signed*.xml vectors ("tl-signer-2": tl-signed-not-announced.xml, a key
# the test LOTL does not announce); "lotl-signer" signs lotl.xml (its certificate is anchors.pem),
# "lotl-signer-2" lotl-not-anchored.xml, "lotl-signer-3" the LOTLs after pivot 11 (lotl-via-pivot.xml,
# lotl-broken-pivot.xml) and "lotl-signer-4" the wrong pivot 14 (pivots/lotl-pivot-14.xml); "ocsp-responder" is the
# delegated OCSP responder of revocation/*.ocsp.
KEY_SIZES = {
    "root-ca": 2048,
    "issuing-ca": 2048,
    "leaf": 2048,
    "tsu": 2048,
    "qualified-ca": 2048,
    "weak-rsa1024": 1024,
    "other-root-ca": 2048,
    "tl-signer": 2048,
    "tl-signer-2": 2048,
    "lotl-signer": 2048,
    "lotl-signer-2": 2048,
    "lotl-signer-3": 2048,
    "lotl-signer-4": 2048,
    "ocsp-responder": 2048,
}
KEY_NAMES = tuple(KEY_SIZES)


def load_keys(keys_dir: Path, create: bool) -> dict:
    keys = {}
    for k in KEY_NAMES:
        p = keys_dir / ("%s-key.pem" % k)
        if p.exists():
            keys[k] = serialization.load_pem_private_key(p.read_bytes(), password=None)
        elif create:
            keys_dir.mkdir(parents=True, exist_ok=True)
            key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZES[k])
            p.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            print("created new test key %s" % p, file=sys.stderr)
            keys[k] = key
        else:
            sys.exit("missing key %s (run without --check first)" % p)
        if not isinstance(keys[k], rsa.RSAPrivateKey):
            sys.exit("key %s is not RSA" % p)
        if keys[k].key_size != KEY_SIZES[k]:
            sys.exit("key %s is RSA-%d, expected RSA-%d" % (p, keys[k].key_size, KEY_SIZES[k]))
    return keys


def spki(key) -> bytes:
    nums = key.public_key().public_numbers()
    rsa_pub = seq(integer(nums.n), integer(nums.e))
    out = seq(seq(oid(OID_RSA), null()), bit_string(rsa_pub))
    # Cross-check the hand-rolled SPKI against the library's encoding.
    lib = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert out == lib, "SPKI encoding mismatch"
    return out


def key_id(key) -> bytes:
    """RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value."""
    nums = key.public_key().public_numbers()
    return hashlib.sha1(seq(integer(nums.n), integer(nums.e))).digest()


def sign(key, data: bytes, algo=hashes.SHA256()) -> bytes:
    return key.sign(data, padding.PKCS1v15(), algo)
