#!/usr/bin/env python3
"""pkilint's ETSI linter over many certificates in one process.

usage: pkilint_batch.py --out DIR FILE_OR_FOLDER...

Writes what scripts/differential-pkilint.sh writes with one
`lint_etsi_cert lint -d -o -s INFO -f JSON -` per certificate: DIR/pk/N.json (stdout),
DIR/pk/N.err (stderr) and DIR/manifest.tsv (N, file, block, exit code), so that
`differential_pkilint.py compare --manifest DIR/manifest.tsv --pkilint-dir DIR/pk ...` reads
either. Numbering follows the arguments (a folder stands for its files, sorted by name);
a DER file is one entry, a PEM file one entry per CERTIFICATE block.

Why: building pkilint's validator tree is most of the CLI's cost per certificate; here it is
built once per detected certificate type and reused. The JSON and exit code equal the CLI's
(checked byte for byte), and so is .err, except that a traceback of an exception escaping
pkilint would show this script's frames instead of the CLI's.
Needs pkilint importable (run it with the venv's python).
"""
import argparse
import contextlib
import io
import os
import sys
import time
import traceback
import warnings

from pkilint import etsi, finding_filter, loader, report
from pkilint.pkix import certificate
from pkilint.validation import ValidationFindingSeverity

BEGIN, END = b"-----BEGIN CERTIFICATE-----", b"-----END CERTIFICATE-----"
SEVERITY = ValidationFindingSeverity.INFO  # -s INFO
STDIN_NAME = "<stdin>"  # the CLI reads "-"; decoding error messages quote this name


def stdin_inputs(data):
    """What the shell loop pipes into the CLI for one file: the whole file when it has no
    BEGIN line (grep -c), else per block the lines its awk prints (BEGIN line .. END line,
    each line newline-terminated, even a last one without a newline)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # awk sees no empty record after a final newline
    count = sum(1 for line in lines if BEGIN in line)
    if count == 0:
        return [data]
    inputs = []
    for want in range(1, count + 1):
        seen, kept = 0, []
        for line in lines:
            if BEGIN in line:
                seen += 1
            if seen == want:
                kept.append(line + b"\n")
                if END in line:
                    break
        inputs.append(b"".join(kept))
    return inputs


class Linter:
    def __init__(self):
        self.cache = {}  # certificate type -> (validator container, finding filters)

    def tools(self, ctype):
        if ctype not in self.cache:
            self.cache[ctype] = (
                certificate.create_pkix_certificate_validator_container(
                    etsi.create_decoding_validators(ctype), etsi.create_validators(ctype)),
                etsi.create_etsi_finding_filters(ctype))
        return self.cache[ctype]

    def lint(self, substrate):
        """-> (stdout text, stderr text, exit code) as the CLI would give them."""
        # Besides what the CLI prints itself, its stderr gets pkilint's logged tracebacks
        # (logging's last-resort handler, for validators that raise) and Python warnings (e.g.
        # cryptography's about a non-positive serial number), the latter once per code location
        # and process. Capture sys.stderr per certificate; catch_warnings resets the "once".
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()) as err:
            out, rc = self._lint(substrate)
        return out, err.getvalue(), rc

    def _lint(self, substrate):
        try:
            # the CLI's format detection (DER, then PEM, then base64); it reports only
            # ValueError as a load failure, anything else escapes as a traceback
            try:
                cert = loader.RFC5280CertificateDocumentLoader().load_document(substrate, STDIN_NAME)
            except ValueError as e:
                print(f"Failed to load certificate: {e}", file=sys.stderr)
                return "", 1
            ctype = etsi.determine_certificate_type(cert)
            print(ctype.to_option_str, file=sys.stderr)  # -o
            validator, filters = self.tools(ctype)
            results = validator.validate(cert.root)
            results, _ = finding_filter.filter_results(filters, results)  # no -r
            out = report.ReportGeneratorJson(results, SEVERITY).generate() + "\n"
        except Exception:
            # the CLI dies with a traceback and Python's exit code 1, printing no JSON
            traceback.print_exc()
            return "", 1
        # the CLI clamps at 255 so that 256 findings do not look like success
        return out, min(report.get_findings_count(results, SEVERITY), 255)


def expand(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, n) for n in os.listdir(a)
                            if os.path.isfile(os.path.join(a, n)))
        elif os.path.isfile(a) and os.access(a, os.R_OK):
            files.append(a)
        else:
            print(f"pkilint_batch: skipping {a} (not a readable file)", file=sys.stderr)
    return files


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="output folder (DIR/pk/N.json|.err, DIR/manifest.tsv)")
    p.add_argument("paths", nargs="+", help="certificate files (DER or PEM) or folders")
    a = p.parse_args()
    files = expand(a.paths)
    if not files:
        p.error("no input files")
    pk = os.path.join(a.out, "pk")
    os.makedirs(pk, exist_ok=True)
    for name in os.listdir(pk):  # a longer earlier run must not leave entries behind
        if name.split(".")[0].isdigit() and name.endswith((".json", ".err")):
            os.remove(os.path.join(pk, name))
    linter, n, failed, t0 = Linter(), 0, 0, time.monotonic()
    with open(os.path.join(a.out, "manifest.tsv"), "w", encoding="utf-8") as manifest:
        for path in files:
            with open(path, "rb") as fh:
                data = fh.read()
            for block, substrate in enumerate(stdin_inputs(data), 1):
                n += 1
                out, err, rc = linter.lint(substrate)
                failed += not out
                for ext, text in (("json", out), ("err", err)):
                    # Python's own stderr setting, so odd characters come out as the CLI's would
                    with open(os.path.join(pk, f"{n}.{ext}"), "w", encoding="utf-8",
                              errors="backslashreplace") as fh:
                        fh.write(text)
                manifest.write(f"{n}\t{path}\t{block}\t{rc}\n")
    print(f"pkilint_batch: {n} certificates from {len(files)} files, {len(linter.cache)} types, "
          f"{failed} without JSON output, {time.monotonic() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
