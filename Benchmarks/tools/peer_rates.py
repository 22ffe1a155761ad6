"""Rates of the peers on the same certificates as our run (issue #17): pyca/cryptography's
parse with every extension and the public key decoded (the Rust parse floor), and pkilint's
ETSI linter in one warmed process. Prints one line per peer: `name certificates seconds`
(CPU seconds of the measured loop only, interpreter start and imports left out).

usage: peer_rates.py LINES_FILE PYCA_COUNT PKILINT_COUNT
"""
import base64
import sys
import time


def read(path, count):
    out = []
    with open(path) as lines:
        for line in lines:
            out.append(base64.b64decode(line))
            if len(out) == count:
                break
    return out


def pyca(ders):
    from cryptography import x509

    start = time.process_time()
    for der in ders:
        cert = x509.load_der_x509_certificate(der)
        # The crate parses lazily: ask for what a profile check reads.
        for extension in cert.extensions:
            extension.value
        cert.public_key()
        cert.subject
        cert.issuer
        cert.not_valid_before_utc
        cert.not_valid_after_utc
        cert.signature_algorithm_oid
        cert.serial_number
    return time.process_time() - start


def pkilint(ders):
    from pkilint import etsi, finding_filter, loader
    from pkilint.pkix import certificate

    load = loader.RFC5280CertificateDocumentLoader()
    validators = {}

    def lint(der):
        document = load.load_document(der)
        kind = etsi.determine_certificate_type(document)
        if kind not in validators:
            validators[kind] = (
                certificate.create_pkix_certificate_validator_container(
                    etsi.create_decoding_validators(kind), etsi.create_validators(kind)),
                etsi.create_etsi_finding_filters(kind))
        container, filters = validators[kind]
        finding_filter.filter_results(filters, container.validate(document.root))

    for der in ders[:20]:  # build each type's validator tree before the clock starts
        lint(der)
    start = time.process_time()
    for der in ders:
        lint(der)
    return time.process_time() - start


def main():
    path, pyca_count, pkilint_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ders = read(path, max(pyca_count, pkilint_count))
    print(f"pyca {pyca_count} {pyca(ders[:pyca_count]):.3f}")
    if pkilint_count > 0:
        print(f"pkilint {pkilint_count} {pkilint(ders[:pkilint_count]):.3f}")


main()
