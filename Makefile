# TrustAudit — the two commands of a fresh machine are `make demo` and `make test`.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
BENCH_N ?= 20000
DEMO_INPUTS := TestVectors/certificates TestVectors/timestamps TestVectors/trusted-lists

.PHONY: deps demo test release bench fuzz test-sanitize spark-test profiles profiles-check vectors vectors-check format lint docs clean

deps:
	@scripts/ensure-deps.sh

## Build release and check the bundled sample with every input the checks can use (issuer,
## TSA CA, stamped data, the test trusted list, a CRL and an OCSP response) at a fixed time; exit status 0 even though the
## sample contains deliberately broken items (the tool itself exits 1 for them).
demo: deps
	swift build -c release --product trustaudit
	@mkdir -p demo-out
	@set +e; .build/release/trustaudit check --jobs $(JOBS) --at 2026-06-01T12:00:00Z \
	  --issuer TestVectors/certificates/issuing-ca.pem --ca TestVectors/certificates/issuing-ca.pem \
	  --data TestVectors/timestamps/data.txt --trusted-lists TestVectors/trusted-lists/tl-v5-minimal.xml \
	  --crl TestVectors/revocation/crl-ok.crl --ocsp TestVectors/revocation/ocsp-revoked.ocsp \
	  --out demo-out/evidence.jsonl --manifest demo-out/manifest.json --bundle demo-out/bundle $(DEMO_INPUTS); rc=$$?; set -e; \
	  if [ $$rc -gt 1 ]; then echo "demo: trustaudit failed (exit $$rc)" >&2; exit $$rc; fi; \
	  echo "demo: exit code $$rc (1 = non-conformities found, as expected for the broken vectors)"; \
	  echo "demo: evidence in demo-out/evidence.jsonl ($$(wc -l < demo-out/evidence.jsonl) records), manifest in demo-out/manifest.json"; \
	  echo "demo: evidence bundle in demo-out/bundle (open report.html; check it with: .build/release/trustaudit verify-bundle demo-out/bundle)"; \
	  .build/release/trustaudit verify-bundle demo-out/bundle | tail -1

## Unit, vector and CLI tests (plain `swift test`, so XCTest/Swift Testing print their summary lines),
## after the format check.
test: deps profiles-check lint
	@scripts/ensure-deps.sh --test
	swift test
	scripts/serve-test.sh

## The Swift sources as swift-format (in the toolchain) writes them with .swift-format (4 spaces,
## lines of 120); `make format` rewrites them, `make lint` fails on any difference.
SWIFT_SOURCES := Sources Tests Plugins Package.swift Benchmarks/Sources Benchmarks/Package.swift
format:
	swift format format --in-place --recursive $(SWIFT_SOURCES)

lint:
	swift format lint --strict --recursive $(SWIFT_SOURCES)

## DocC archives of the library products into docs-out/ (swift-docc-plugin); a documentation
## warning (an undocumented parameter, a broken symbol link) fails.
DOC_MODULES := AuditCore Digests DERWalk Certificates Timestamps TrustedLists Revocation Audit Pipeline EvidenceBundle Run AuditServer
docs: deps
	@mkdir -p docs-out
	@for module in $(DOC_MODULES); do \
	  swift package generate-documentation --target $$module --warnings-as-errors \
	    --output-path docs-out/$$module.doccarchive > docs-out/$$module.log 2>&1 \
	    || { cat docs-out/$$module.log; echo "docs: $$module has documentation warnings" >&2; exit 1; }; \
	  echo "docs: docs-out/$$module.doccarchive"; \
	done

release: deps
	swift build -c release --product trustaudit

## Throughput and peak RSS of the release binary (numbers go to docs/PERFORMANCE.md).
bench: deps
	Benchmarks/cli-throughput.sh $(BENCH_N)
	Benchmarks/peers.sh $(BENCH_N)
	Benchmarks/tst-throughput.sh
	Benchmarks/revocation.sh
	Benchmarks/serve.sh
	Benchmarks/tl-snapshot.sh
	Benchmarks/scale-1m.sh
	Benchmarks/instructions.sh

## Run the unchanged binary on Apache Spark (local[2]) through the JVM-side RDD.pipe driver in
## examples/spark/ and check that the merged shards equal the single-process run byte for byte.
## Installs PySpark from PyPI into .cache/spark-venv (kept) and a JDK from Debian if javac is absent.
spark-test: deps
	swift build -c release --product trustaudit
	SKIP_BUILD=1 scripts/spark-test.sh

## The tests under AddressSanitizer, and the executor and crash containment tests under
## ThreadSanitizer (separate build folders). Swift has no -sanitize=undefined on Linux: its own
## arithmetic, bounds and unwrap checks are what UBSan adds to C. The Swift backtracer is off: under
## a sanitizer it can hang on the deliberate trap of the crash-containment test.
test-sanitize: deps
	@scripts/ensure-deps.sh --test
	TRUSTAUDIT_SANITIZER=address SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 swift test --scratch-path .build-asan --sanitize=address
	TRUSTAUDIT_SANITIZER=thread SWIFT_BACKTRACE=enable=no swift test --scratch-path .build-tsan --sanitize=thread --filter 'ExecutorAndJSONTests|CrashContainmentTests'

## Coverage-guided fuzzing of every entry point (libFuzzer + AddressSanitizer), FUZZ_SECONDS per
## target (default 60); a crash fails. Corpora are kept in .cache/fuzz; see docs/ROBUSTNESS.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

## Rewrite the requirement counts and the `trustaudit profiles` example in README after editing
## Profiles/ (the build embeds Profiles/ itself, through the EmbedProfiles plugin).
profiles:
	swift build --product trustaudit
	.build/debug/trustaudit profiles > .build/profiles-listing.txt
	python3 scripts/doc-counts.py --listing .build/profiles-listing.txt

profiles-check:
	python3 scripts/doc-counts.py --check

## Regenerate / verify the project's own test vectors (needs python3 with `cryptography`).
vectors:
	python3 TestVectors/generator/generate.py

vectors-check:
	python3 TestVectors/generator/generate.py --check

clean:
	rm -rf .build demo-out bench-out spark-out docs-out
