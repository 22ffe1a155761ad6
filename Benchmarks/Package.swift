// swift-tools-version:6.1
// Benchmarks live in their own package so the main build and tests do not pay for them.
import PackageDescription

let package = Package(
    name: "TrustAuditBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "TrustAudit", path: ".."),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
    ],
    targets: [
        .executableTarget(
            name: "trustaudit-floor",
            dependencies: [
                .product(name: "AuditCore", package: "TrustAudit"),
                .product(name: "Certificates", package: "TrustAudit"),
                .product(name: "Digests", package: "TrustAudit"),
                .product(name: "Pipeline", package: "TrustAudit"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
