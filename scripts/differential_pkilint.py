#!/usr/bin/env python3
"""Comparer for scripts/differential-pkilint.sh.

  compare        read pkilint's per-certificate JSON output and trustaudit's JSON Lines evidence,
                 print a markdown table (and write it with --out).
  bench-pkilint  pkilint's ETSI linter in one process over the given files (needs pkilint importable):
                 a cold pass (validator trees built on first use of a type, as a batch tool would)
                 and warm passes (trees cached), certificates per second.

Verdict mapping used for "agree?":
  pkilint  fail    = any FATAL or ERROR finding, warning = any WARNING, pass otherwise
  trustaudit major -> fail, minor -> warning, observation / conforming -> pass
"""
import argparse
import json
import os
import re
import sys
import time

SEVERITIES = ["FATAL", "ERROR", "WARNING", "NOTICE", "INFO", "DEBUG"]
SHOWN = {"FATAL", "ERROR", "WARNING"}
TA_CLASS = {"major": "fail", "minor": "warning", "observation": "pass", "conforming": "pass"}
RANK = {"pass": 0, "warning": 1, "fail": 2}


def label(path):
    """Short, unique-enough display name: last directory + file name."""
    parent = os.path.basename(os.path.dirname(os.path.normpath(path)))
    return f"{parent}/{os.path.basename(path)}"


def pk_verdict(findings):
    sevs = {f[0] for f in findings}
    if sevs & {"FATAL", "ERROR"}:
        return "fail"
    if "WARNING" in sevs:
        return "warning"
    return "pass"


def read_pkilint(pk_dir, idx, rc, ignore):
    """-> dict(type, findings[(sev, code, message)], verdict, raw_verdict, ignored, error)"""
    err_path = os.path.join(pk_dir, f"{idx}.err")
    out_path = os.path.join(pk_dir, f"{idx}.json")
    stderr = open(err_path, encoding="utf-8", errors="replace").read() if os.path.exists(err_path) else ""
    stdout = open(out_path, encoding="utf-8", errors="replace").read() if os.path.exists(out_path) else ""
    err_lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    ctype = None
    # `-o` prints the detected type (e.g. QEVCP-W-EIDAS-FINAL-CERTIFICATE) as the first stderr line
    if err_lines and re.fullmatch(r"[A-Z0-9-]+", err_lines[0]):
        ctype = err_lines[0]
    try:
        doc = json.loads(stdout)
    except ValueError:
        msg = err_lines[-1] if err_lines else f"no JSON output (exit {rc})"
        return {"type": ctype, "findings": [], "verdict": "error", "raw_verdict": "error",
                "ignored": set(), "error": msg[:160]}
    findings = []
    for res in doc.get("results", []):
        for fd in res.get("finding_descriptions", []):
            findings.append((fd.get("severity", "?"), fd.get("code", "?"), fd.get("message") or ""))
    findings.sort(key=lambda f: (SEVERITIES.index(f[0]) if f[0] in SEVERITIES else 99, f[1]))
    ignored = {c for _, c, _ in findings if any(re.search(rx, c) for rx in ignore)}
    kept = [f for f in findings if f[1] not in ignored]
    return {"type": ctype, "findings": findings, "verdict": pk_verdict(kept),
            "raw_verdict": pk_verdict(findings), "ignored": ignored, "error": None}


def findings_text(pk):
    if pk["error"]:
        return f"pkilint error: {pk['error']}"
    seen = {}
    for sev, code, _ in pk["findings"]:
        if sev in SHOWN:
            seen[(sev, code)] = seen.get((sev, code), 0) + 1
    parts = []
    for (sev, code), n in seen.items():
        t = f"{sev}:{code}" + (f" ×{n}" if n > 1 else "")
        if code in pk["ignored"]:
            t = f"~~{t}~~"
        parts.append(t)
    hidden = sum(1 for s, _, _ in pk["findings"] if s not in SHOWN)
    text = "<br>".join(parts) if parts else "-"
    if hidden:
        text += f" (+{hidden} notice/info)"
    return text


def read_trustaudit(path):
    """-> {(source path, block number): record}"""
    records = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line)
            src = rec.get("source") or ""
            m = re.fullmatch(r"(.*)#(\d+)", src)
            key = (m.group(1), int(m.group(2))) if m else (src, 1)
            records[key] = rec
    return records


def ta_summary(rec):
    if rec is None:
        return "-", "missing", "-"
    by_grade = {}
    for chk in rec.get("checks", []):
        if chk.get("outcome") == "fail":
            by_grade.setdefault(chk.get("grade") or "?", [])
            if chk["requirement"] not in by_grade[chk["grade"]]:
                by_grade[chk["grade"]].append(chk["requirement"])
    verdict = rec.get("verdict", "?")
    parts = []
    for g in ("major", "minor", "observation"):
        if g in by_grade:
            ids = " ".join(by_grade[g])
            parts.append(ids if g == verdict else f"{g} {ids}")
    text = verdict + (f" ({'; '.join(parts)})" if parts else "")
    profile = (rec.get("profile") or "-").replace("en319412-", "").replace("ts119495-", "").replace("en319422-", "")
    return profile, TA_CLASS.get(verdict, "error"), text


def md_escape(s):
    return s.replace("|", "\\|")


def compare(args):
    rows = []
    with open(args.manifest, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            idx, path, block, rc = line.rstrip("\n").split("\t")
            rows.append((idx, path, int(block), int(rc)))
    ta = read_trustaudit(args.trustaudit)

    table = []
    counts = {"agree": 0, "disagree": 0}
    directions = {}
    multi = {}
    for idx, path, block, _ in rows:
        multi[path] = max(multi.get(path, 0), block)
    for idx, path, block, rc in rows:
        pk = read_pkilint(args.pkilint_dir, idx, rc, args.ignore)
        rec = ta.get((path, block))
        profile, ta_class, ta_text = ta_summary(rec)
        name = label(path) + (f"#{block}" if multi[path] > 1 else "")
        if pk["verdict"] == "error" or ta_class in ("error", "missing"):
            agree = "n/a"
        elif pk["verdict"] == ta_class:
            agree = "yes"
        else:
            agree = "no"
            d = "pkilint stricter" if RANK[pk["verdict"]] > RANK[ta_class] else "TrustAudit stricter"
            key = f"{d} ({pk['verdict']} vs {ta_class})"
            directions[key] = directions.get(key, 0) + 1
        bucket = {"yes": "agree", "no": "disagree"}.get(agree, "n/a")
        counts[bucket] = counts.get(bucket, 0) + 1
        raw_agree = pk["raw_verdict"] == ta_class
        counts["raw_agree"] = counts.get("raw_agree", 0) + (1 if raw_agree else 0)
        pk_cell = pk["verdict"] + (f" (raw {pk['raw_verdict']})" if pk["raw_verdict"] != pk["verdict"] else "")
        table.append({
            "name": name, "path": path, "block": block, "pk": pk, "rec": rec,
            "cells": [name, (pk["type"] or "-"), findings_text(pk), pk_cell, profile, ta_text, agree],
            "agree": agree,
        })

    out = []
    total = len(table)
    out.append("# pkilint vs TrustAudit — differential run")
    out.append("")
    out.append(f"- pkilint {args.pkilint_version} (`lint_etsi_cert lint -d -o -s INFO -f JSON -`, one process per certificate)")
    out.append(f"- TrustAudit {args.trustaudit_version} (`{args.trustaudit_bin} check --quiet --at {args.at} FILE...`)")
    out.append(f"- run at {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}")
    if args.cli_seconds:
        secs = float(args.cli_seconds)
        out.append(f"- pkilint CLI loop: {total} certificates in {secs:.1f} s wall "
                   f"({total / secs:.2f} certificates/s incl. interpreter start-up per certificate)")
    out.append("- verdicts: pkilint fail = FATAL/ERROR, warning = WARNING, pass otherwise; "
               "TrustAudit major = fail, minor = warning, observation/conforming = pass")
    if args.ignore:
        out.append("- pkilint codes ignored for the verdict (struck through in the table): "
                   + ", ".join(f"`{rx}`" for rx in args.ignore)
                   + f"; without ignoring, {counts.get('raw_agree', 0)} of {total} agree")
    out.append("")
    out.append(f"**{total} certificates: {counts.get('agree', 0)} agree, {counts.get('disagree', 0)} disagree"
               + (f", {counts['n/a']} not comparable" if counts.get("n/a") else "") + ".**")
    for k in sorted(directions):
        out.append(f"- {k}: {directions[k]}")
    out.append("")
    out.append("| file | pkilint detected type | pkilint findings | pkilint verdict | TrustAudit profile | TrustAudit verdict (failed ids) | agree? |")
    out.append("|---|---|---|---|---|---|---|")
    for row in table:
        out.append("| " + " | ".join(md_escape(c) for c in row["cells"]) + " |")

    out.extend(mutation_view(table))

    if args.details:
        out.append("")
        out.append("## Disagreements in detail")
        for row in table:
            if row["agree"] != "no":
                continue
            out.append("")
            out.append(f"### {row['name']}")
            rec = row["rec"] or {}
            out.append(f"- TrustAudit: {rec.get('profile')} — {rec.get('profileReason')}")
            for chk in rec.get("checks", []):
                if chk.get("outcome") == "fail":
                    out.append(f"  - {chk['grade']} {chk['requirement']} ({chk['standard']} {chk['clause']}): "
                               f"{(chk.get('message') or '').splitlines()[0] if chk.get('message') else ''} "
                               f"[observed {chk.get('observed')}]")
            out.append(f"- pkilint: {row['pk']['type']}")
            for s, c, m in row["pk"]["findings"]:
                if s in SHOWN and c not in row["pk"]["ignored"]:
                    out.append(f"  - {s} {c}: {m[:200]}")

    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)


def mutation_view(table):
    """Vectors named PROFILE__MUTATION next to a PROFILE__ok baseline: did each tool notice the
    mutation? pkilint notices it when it raises a WARNING/ERROR/FATAL (ignored codes aside) that the
    baseline does not have; TrustAudit when its verdict is minor or major."""
    from collections import Counter

    by_path = {row["path"]: row for row in table if row["block"] == 1}

    def shown(pk):
        return Counter((s, c) for s, c, _ in pk["findings"] if s in SHOWN and c not in pk["ignored"])

    counts = Counter()
    lines = []
    for row in table:
        stem = os.path.basename(row["path"]).rsplit(".", 1)[0]
        if "__" not in stem or stem.endswith("__ok") or row["block"] != 1:
            continue
        base = by_path.get(os.path.join(os.path.dirname(row["path"]), stem.split("__")[0] + "__ok.pem"))
        if base is None or row["pk"]["error"] or base["pk"]["error"] or row["rec"] is None:
            continue
        new = shown(row["pk"]) - shown(base["pk"])
        pk_hit = bool(new)
        ta_hit = row["rec"].get("verdict") in ("minor", "major")
        key = {(True, True): "both", (True, False): "pkilint only", (False, True): "TrustAudit only",
               (False, False): "neither"}[(pk_hit, ta_hit)]
        counts[key] += 1
        if key != "both":
            new_text = ", ".join(f"{s}:{c}" for s, c in sorted(new)) or "no new finding"
            lines.append(f"| {row['name']} | {key} | {md_escape(new_text)} | {md_escape(row['cells'][5])} |")
    if not counts:
        return []
    out = ["", "## Mutation view", "",
           "Each `PROFILE__MUTATION` vector against its `PROFILE__ok` baseline: pkilint noticed the mutation when "
           "it raised a WARNING/ERROR/FATAL the baseline does not have; TrustAudit when its verdict is minor or major.",
           "",
           f"**{sum(counts.values())} mutated vectors: " +
           ", ".join(f"{k} {counts[k]}" for k in ("both", "TrustAudit only", "pkilint only", "neither")) + ".**"]
    if lines:
        out += ["", "| vector | noticed by | pkilint's new findings | TrustAudit verdict |", "|---|---|---|---|"] + lines
    return out


def split_certs(path):
    data = open(path, "rb").read()
    blocks = re.findall(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", data, re.DOTALL)
    if blocks:
        return [b.decode("ascii") for b in blocks]
    return [data]


def bench_pkilint(args):
    from pkilint import etsi, finding_filter, loader
    from pkilint.pkix import certificate

    docs = []
    for path in args.files:
        docs.extend(split_certs(path))
    ld = loader.RFC5280CertificateDocumentLoader()
    cache = {}

    def lint_one(substrate):
        cert = ld.load_document(substrate)
        ctype = etsi.determine_certificate_type(cert)
        entry = cache.get(ctype)
        if entry is None:
            entry = (certificate.create_pkix_certificate_validator_container(
                etsi.create_decoding_validators(ctype), etsi.create_validators(ctype)),
                etsi.create_etsi_finding_filters(ctype))
            cache[ctype] = entry
        results = entry[0].validate(cert.root)
        results, _ = finding_filter.filter_results(entry[1], results)
        return results

    def one_pass():
        errors = 0
        start, cpu0 = time.perf_counter(), time.process_time()
        for d in docs:
            try:
                lint_one(d)
            except Exception:  # a certificate pkilint cannot process is counted, not fatal
                errors += 1
        return time.perf_counter() - start, time.process_time() - cpu0, errors

    cold, cold_cpu, errors = one_pass()
    warm_runs = [one_pass() for _ in range(max(1, args.repeat))]
    warm, warm_cpu = min(r[0] for r in warm_runs), min(r[1] for r in warm_runs)
    n = len(docs)
    print(f"- pkilint {_version('pkilint')} in one process (`bench-pkilint`), {n} certificates, "
          f"{len(cache)} detected types" + (f", {errors} raised an exception" if errors else "") + ":")
    print(f"  - cold pass (validator trees built on first use of each type): {cold:.2f} s wall, {cold_cpu:.2f} s CPU "
          f"= {n / cold:.0f} certificates/s wall, {n / cold_cpu:.0f}/s CPU")
    print(f"  - warm pass (trees cached, best of {args.repeat}): {warm:.2f} s wall, {warm_cpu:.2f} s CPU "
          f"= {n / warm:.0f} certificates/s wall, {n / warm_cpu:.0f}/s CPU ({warm_cpu / n * 1000:.2f} ms CPU/certificate)")


def bench_trustaudit(args):
    """The whole trustaudit process timed from outside: wall clock and CPU (user+sys of the child)."""
    import resource
    import shutil
    import subprocess
    import tempfile

    # The copies go into one folder given as one argument: thousands of positional arguments
    # cost swift-argument-parser more than the checks (its option bookkeeping grows with them).
    folders = {}
    for times in (1, args.times):
        folder = tempfile.mkdtemp(prefix="trustaudit-bench-")
        for copy in range(times):
            for path in args.files:
                shutil.copyfile(path, os.path.join(folder, "%03d-%s" % (copy, os.path.basename(path))))
        folders[times] = folder
    for jobs in (1, 2):
        for times in (1, args.times):
            cmd = [args.trustaudit, "check", "--quiet", "--jobs", str(jobs), "--at", args.at, folders[times]]
            best_wall = best_cpu = None
            items = 0
            for _ in range(args.repeat):
                r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                wall = time.perf_counter() - t0
                r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
                items = proc.stdout.count(b"\n")
                best_wall = wall if best_wall is None else min(best_wall, wall)
                best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
            label = ("the set once" if times == 1 else f"the set x{times}") + ", one file each, in one folder"
            print(f"- trustaudit `--jobs {jobs}`, {label}: {items} certificates, best of {args.repeat}: "
                  f"{best_wall:.3f} s wall, {best_cpu:.3f} s CPU = {items / best_wall:.0f} certificates/s wall, "
                  f"{items / best_cpu:.0f}/s CPU")
    for folder in folders.values():
        shutil.rmtree(folder, ignore_errors=True)


def _version(dist):
    try:
        import importlib.metadata as md
        return md.version(dist)
    except Exception:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--manifest", required=True)
    c.add_argument("--pkilint-dir", required=True)
    c.add_argument("--trustaudit", required=True)
    c.add_argument("--out")
    c.add_argument("--details", action="store_true", help="append messages for every disagreement")
    c.add_argument("--pkilint-version", default="?")
    c.add_argument("--trustaudit-version", default="?")
    c.add_argument("--trustaudit-bin", default="trustaudit")
    c.add_argument("--at", default="?")
    c.add_argument("--cli-seconds")
    c.add_argument("--ignore", action="append", default=[], metavar="REGEX",
                   help="pkilint finding codes (regex) left out of pkilint's verdict, e.g. test-data artefacts")
    b = sub.add_parser("bench-pkilint")
    b.add_argument("--repeat", type=int, default=3)
    b.add_argument("files", nargs="+")
    t = sub.add_parser("bench-trustaudit")
    t.add_argument("--trustaudit", required=True)
    t.add_argument("--at", default="2026-06-01T00:00:00Z")
    t.add_argument("--repeat", type=int, default=5)
    t.add_argument("--times", type=int, default=20, help="also run over the set repeated this many times")
    t.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.cmd == "compare":
        compare(args)
    elif args.cmd == "bench-pkilint":
        bench_pkilint(args)
    else:
        bench_trustaudit(args)


if __name__ == "__main__":
    main()
