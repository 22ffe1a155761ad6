// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TrustAudit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trustaudit", targets: ["trustaudit"]),
        .executable(name: "trustaudit-fuzz", targets: ["trustaudit-fuzz"]),
        .library(name: "AuditCore", targets: ["AuditCore"]),
        .library(name: "Certificates", targets: ["Certificates"]),
        .library(name: "Timestamps", targets: ["Timestamps"]),
        .library(name: "TrustedLists", targets: ["TrustedLists"]),
        .library(name: "Revocation", targets: ["Revocation"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "EvidenceBundle", targets: ["EvidenceBundle"]),
        .library(name: "Digests", targets: ["Digests"]),
        .library(name: "DERWalk", targets: ["DERWalk"]),
        .library(name: "Run", targets: ["Run"]),
        .library(name: "AuditServer", targets: ["AuditServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // `make docs`: DocC for the library products (swift package generate-documentation).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // C libraries from the system (Debian: libssl-dev, libxml2-dev). Their headers carry
        // static-inline shims for the function-like macros Swift cannot import.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Records the item each worker thread checks, for the supervisor of a crashed run.
        .target(name: "CCrashMarker"),

        .target(name: "AuditCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // SHA-256 (one-shot, in pieces, of files) and SHA-1 through libcrypto: the one digest front end.
        .target(name: "Digests", dependencies: ["AuditCore", "COpenSSL"]),
        // Lenient TLV reading over offsets and the DER length encoder: the one DER walker of
        // Revocation and Pipeline (the strict scan of every item is Certificates' DERScanner).
        .target(name: "DERWalk"),
        .target(
            name: "Certificates",
            dependencies: [
                "DERWalk", "AuditCore", "Digests", "COpenSSL", .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "TrustedLists",
            dependencies: [
                "DERWalk",
                "Digests", "AuditCore", "Certificates", "CLibXML2", .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "Timestamps",
            dependencies: [
                "Digests",
                "AuditCore", "Certificates", "TrustedLists", .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "Revocation",
            dependencies: [
                "DERWalk", "Digests", "AuditCore", "Certificates", .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "Audit",
            dependencies: ["Digests", "AuditCore", "Certificates", "TrustedLists", "Timestamps", "Revocation"],
            plugins: ["EmbedProfiles"]),
        .executableTarget(name: "ProfileEmbedder"),
        .plugin(name: "EmbedProfiles", capability: .buildTool(), dependencies: ["ProfileEmbedder"]),
        .target(
            name: "Pipeline", dependencies: ["DERWalk", "AuditCore", "Digests", "COpenSSL", "CZlib", "CCrashMarker"]),
        .target(name: "EvidenceBundle", dependencies: ["AuditCore", "Digests", "Pipeline", "COpenSSL"]),
        // The run as a library: inputs loaded once, items from paths or memory, records to sinks.
        .target(
            name: "Run",
            dependencies: [
                "Digests",
                "AuditCore", "Audit", "Certificates", "TrustedLists", "Timestamps", "Revocation", "Pipeline",
                "EvidenceBundle",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // `trustaudit serve`: the run behind HTTP (Hummingbird), the OpenAPI description and the
        // web page embedded in the binary.
        .target(
            name: "AuditServer",
            dependencies: [
                "Digests",
                "Run", "AuditCore", "Audit", "Pipeline", "Certificates", "EvidenceBundle",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [
                .embedInCode("Resources/openapi.yaml"), .embedInCode("Resources/index.html"),
                .embedInCode("Resources/app.css"),
            ]
        ),
        .executableTarget(
            name: "trustaudit",
            dependencies: [
                "Digests",
                "Run", "AuditServer", "AuditCore", "Audit", "Certificates", "TrustedLists", "Timestamps", "Revocation",
                "Pipeline", "EvidenceBundle",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // libFuzzer harness of every entry point (`make fuzz` builds it with -sanitize=fuzzer and
        // -DFUZZING); a plain build is a reproducer that runs files through the same code.
        .executableTarget(
            name: "trustaudit-fuzz",
            dependencies: [
                "AuditCore", "Audit", "Certificates", "TrustedLists", "Timestamps", "Revocation", "Pipeline",
                "EvidenceBundle",
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        // Locates the repository, TestVectors/ and ../shared/vectors for the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AuditCoreTests", dependencies: ["AuditCore", "TestSupport"]),
        .testTarget(
            name: "CertificatesTests", dependencies: ["DERWalk", "Digests", "Certificates", "AuditCore", "TestSupport"]),
        .testTarget(
            name: "TimestampsTests", dependencies: ["Timestamps", "Audit", "Certificates", "AuditCore", "TestSupport"]),
        .testTarget(
            name: "TrustedListsTests", dependencies: ["TrustedLists", "Certificates", "AuditCore", "TestSupport"]),
        .testTarget(
            name: "AuditTests",
            dependencies: [
                "Audit", "AuditCore", "Certificates", "TrustedLists", "Timestamps", "Revocation", "Pipeline",
                "TestSupport",
            ]),
        .testTarget(
            name: "RevocationTests",
            dependencies: ["DERWalk", "Revocation", "Certificates", "AuditCore", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "AuditCore", "TestSupport"]),
        .testTarget(
            name: "TrustauditTests",
            dependencies: ["DERWalk", "Digests", "trustaudit", "TestSupport", "Pipeline", "Certificates"]),
        .testTarget(
            name: "AuditServerTests",
            dependencies: [
                "AuditServer", "Run", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
