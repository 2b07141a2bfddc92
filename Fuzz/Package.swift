// swift-tools-version:6.1
// The libFuzzer target over the whole ingestion path, kept apart from the product so that
// ordinary builds need no sanitizer. Build and run with `make fuzz` (docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "workforce-fuzz",
    dependencies: [.package(name: "workforce", path: "..")],
    targets: [
        .executableTarget(
            name: "IngestFuzzer",
            dependencies: [.product(name: "WorkforceKit", package: "workforce")]
        )
    ]
)
