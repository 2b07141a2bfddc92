// swift-tools-version:6.1
// The libFuzzer targets — the whole ingestion path, and the survey plan's reader — kept apart
// from the product so that ordinary builds need no sanitizer. Build and run with `make fuzz` (docs/fuzzing.md).
import PackageDescription

let package = Package(
    name: "workforce-fuzz",
    dependencies: [.package(name: "workforce", path: "..")],
    targets: [
        .executableTarget(
            name: "IngestFuzzer",
            dependencies: [.product(name: "WorkforceKit", package: "workforce")]
        ),
        .executableTarget(
            name: "PlanFuzzer",
            dependencies: [.product(name: "WorkforceKit", package: "workforce")]
        ),
    ]
)
