// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "workforce",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "workforce", targets: ["workforce"]),
        .library(name: "WorkforceKit", targets: ["WorkforceKit"]),
        .library(name: "WorkforceSample", targets: ["WorkforceSample"]),
    ],
    dependencies: [
        // Command-line parsing with generated --help for the thin `workforce` executable.
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // ZIP container of the XLSX workbook (the XML inside is written by Reports/XLSXWriter.swift).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // SHA-256 of inputs and outputs for the manifest and --if-changed.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // The survey plan (Inputs/plan.toml): TOML, read with its line numbers for error messages.
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        // MARK: C library
        // Debian's libcsv (RFC 4180 parser); only WorkforceKit/Ingest/LibCSVParser.swift imports it.
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),

        // Debian's SQLite (libsqlite3-dev): the history database of published runs; only
        // WorkforceKit/History/ imports it.
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // MARK: Library: every stage of the pipeline
        .target(
            name: "WorkforceKit",
            dependencies: [
                "CLibCSV",
                "CSQLite",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),

        // MARK: Library: the synthetic survey (`workforce generate`), kept out of the pipeline
        .target(
            name: "WorkforceSample",
            dependencies: ["WorkforceKit"]
        ),

        // MARK: Executable: argument parsing and exit statuses only
        .executableTarget(
            name: "workforce",
            dependencies: [
                "WorkforceKit",
                "WorkforceSample",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(
            name: "WorkforceKitTests",
            dependencies: ["WorkforceKit", "WorkforceSample"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
