"""Extensions and certificates: extension builders, the Cert builder and the test PKI (root CA,
issuing CA, TSU and the generic leaf).
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes

from .der import (
    bit_string, boolean, explicit, implicit_cons, implicit_prim, integer, integer_raw, named_bits, octet_string, oid,
    seq, utc_time,
)
from .oids import (
    ALG_SHA256_RSA, CA_NOT_AFTER, CA_NOT_BEFORE, EE_NOT_AFTER, EE_NOT_BEFORE, KU_CRL_SIGN, KU_DIGITAL_SIGNATURE,
    KU_KEY_CERT_SIGN, KU_NON_REPUDIATION, OID_AIA, OID_AKI, OID_ANY_POLICY, OID_BC, OID_CP, OID_CRLDP, OID_EKU,
    OID_KP_TIMESTAMPING, OID_KU, OID_SKI,
)
from .names import ISSUING_NAME, ROOT_NAME, TSU_NAME, alice_name, serial_for
from .keys import key_id, sign, spki


def extension(ext_oid: str, value: bytes, critical: bool = False, critical_raw: bytes | None = None) -> bytes:
    parts = [oid(ext_oid)]
    if critical_raw is not None:
        parts.append(critical_raw)
    elif critical:
        parts.append(boolean(True))  # FALSE is the DEFAULT and is never encoded
    parts.append(octet_string(value))
    return seq(*parts)


def ext_ski(key) -> bytes:
    return extension(OID_SKI, octet_string(key_id(key)))


def ext_aki(issuer_key) -> bytes:
    return extension(OID_AKI, seq(implicit_prim(0, key_id(issuer_key))))


def ext_bc_ca(path_len: int | None) -> bytes:
    inner = [boolean(True)]
    if path_len is not None:
        inner.append(integer(path_len))
    return extension(OID_BC, seq(*inner), critical=True)


def ext_ku(*bits: int, critical_raw: bytes | None = None) -> bytes:
    return extension(OID_KU, named_bits(*bits), critical=True, critical_raw=critical_raw)


def ext_cp(*policy_oids: str) -> bytes:
    return extension(OID_CP, seq(*[seq(oid(p)) for p in policy_oids]))


def ext_eku_critical(*kp: str) -> bytes:
    return extension(OID_EKU, seq(*[oid(k) for k in kp]), critical=True)


class Cert:
    """Parts of a certificate; each field is a ready TLV (or None to omit)."""

    def __init__(self, **kw):
        self.version = kw.get("version", explicit(0, integer(2)))
        self.serial = kw["serial"]
        self.tbs_sigalg = kw.get("tbs_sigalg", ALG_SHA256_RSA)
        self.issuer = kw["issuer"]
        self.not_before = kw.get("not_before", utc_time(EE_NOT_BEFORE))
        self.not_after = kw.get("not_after", utc_time(EE_NOT_AFTER))
        self.subject = kw["subject"]
        self.spki = kw["spki"]
        self.extensions = kw.get("extensions")  # list of Extension TLVs or None
        self.outer_sigalg = kw.get("outer_sigalg", self.tbs_sigalg)
        self.signer = kw["signer"]
        self.hash_algo = kw.get("hash_algo", hashes.SHA256())

    def tbs(self) -> bytes:
        parts = []
        if self.version is not None:
            parts.append(self.version)
        parts += [
            self.serial,
            self.tbs_sigalg,
            self.issuer,
            seq(self.not_before, self.not_after),
            self.subject,
            self.spki,
        ]
        if self.extensions is not None:
            parts.append(explicit(3, seq(*self.extensions)))
        return seq(*parts)

    def der(self) -> bytes:
        tbs = self.tbs()
        return seq(tbs, self.outer_sigalg, bit_string(sign(self.signer, tbs, self.hash_algo)))


class PKI:
    def __init__(self, keys: dict):
        self.keys = keys
        self.spki = {k: spki(v) for k, v in keys.items()}
        self.root = Cert(
            serial=integer_raw(serial_for("root-ca")),
            issuer=ROOT_NAME,
            subject=ROOT_NAME,
            not_before=utc_time(CA_NOT_BEFORE),
            not_after=utc_time(CA_NOT_AFTER),
            spki=self.spki["root-ca"],
            extensions=[
                ext_ski(keys["root-ca"]),
                ext_aki(keys["root-ca"]),
                ext_bc_ca(None),
                ext_ku(KU_KEY_CERT_SIGN, KU_CRL_SIGN),
            ],
            signer=keys["root-ca"],
        ).der()
        self.issuing = Cert(
            serial=integer_raw(serial_for("issuing-ca")),
            issuer=ROOT_NAME,
            subject=ISSUING_NAME,
            not_before=utc_time(CA_NOT_BEFORE),
            not_after=utc_time(CA_NOT_AFTER),
            spki=self.spki["issuing-ca"],
            extensions=[
                ext_ski(keys["issuing-ca"]),
                ext_aki(keys["root-ca"]),
                ext_bc_ca(0),
                ext_ku(KU_KEY_CERT_SIGN, KU_CRL_SIGN),
                ext_cp(OID_ANY_POLICY),
            ],
            signer=keys["root-ca"],
        ).der()
        self.tsu_serial = serial_for("tsu")
        self.tsu = Cert(
            serial=integer_raw(self.tsu_serial),
            issuer=ISSUING_NAME,
            subject=TSU_NAME,
            spki=self.spki["tsu"],
            extensions=[
                ext_ski(keys["tsu"]),
                ext_aki(keys["issuing-ca"]),
                ext_ku(KU_DIGITAL_SIGNATURE),
                ext_eku_critical(OID_KP_TIMESTAMPING),
            ],
            signer=keys["issuing-ca"],
        ).der()

    def leaf_extensions(self) -> list:
        return [
            ext_ski(self.keys["leaf"]),
            ext_aki(self.keys["issuing-ca"]),
            ext_ku(KU_NON_REPUDIATION),
        ]

    def leaf(self, label: str, **overrides) -> Cert:
        kw = dict(
            serial=integer_raw(serial_for(label)),
            issuer=ISSUING_NAME,
            subject=alice_name(),
            spki=self.spki["leaf"],
            extensions=self.leaf_extensions(),
            signer=self.keys["issuing-ca"],
        )
        kw.update(overrides)
        return Cert(**kw)


def gn_uri(u: str) -> bytes:
    return implicit_prim(6, u.encode("ascii"))


def gn_dns(d: str) -> bytes:
    return implicit_prim(2, d.encode("ascii"))


def gn_email(e: str) -> bytes:
    return implicit_prim(1, e.encode("ascii"))


def ext_crldp(url: str) -> bytes:
    # DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }
    return extension(OID_CRLDP, seq(seq(explicit(0, implicit_cons(0, gn_uri(url))))))


def ext_aia(access: list) -> bytes:
    return extension(OID_AIA, seq(*[seq(oid(m), gn_uri(u)) for m, u in access]))
