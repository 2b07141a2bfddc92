import Foundation
import Testing

@testable import WorkforceKit

/// The SIGBUS guard absorbs faults inside the live input mappings, and only there.
@Suite struct TruncationGuardTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// A file of `pages` pages of "x", in a new folder.
    func pagesFile(_ label: String, pages: Int) throws -> URL {
        let path = temporaryFolder(label).appendingPathComponent("pages.csv")
        try Data(repeating: UInt8(ascii: "x"), count: pages * Self.page).write(to: path)
        return path
    }

    @Test func faultInsideAMappingReadsZerosAndIsRecorded() throws {
        let path = try pagesFile("guard-inside", pages: 3)
        let mapped = try MappedFile(path: path.path, displayName: "pages.csv")
        #expect(mapped.bytes[0] == UInt8(ascii: "x"))
        #expect(!mapped.wasTruncated)
        #expect(truncate(path.path, 0) == 0)
        #expect(mapped.bytes[2 * Self.page + 10] == 0)
        #expect(mapped.wasTruncated)
        // The pages before the faulting one are still the file's: touching them is absorbed too.
        #expect(mapped.bytes[0] == 0)
    }

    /// Set in the environment of the test binary run as a child by `faultOutsideEveryMappingStillKillsTheProcess`.
    static let childVariable = "WORKFORCE_TEST_SIGBUS_OUTSIDE"

    /// The child's side: a live guarded mapping, then a fault in an unguarded one; must not return.
    static func faultOutsideEveryMapping() throws -> Never {
        let guarded = try MappedFile(
            path: try TruncationGuardTests().pagesFile("guard-live", pages: 2).path, displayName: "pages.csv")
        let outside = try TruncationGuardTests().pagesFile("guard-outside", pages: 2)
        let descriptor = open(outside.path, O_RDONLY)
        guard descriptor >= 0, let raw = mmap(nil, 2 * page, PROT_READ, MAP_PRIVATE, descriptor, 0), raw != MAP_FAILED,
            truncate(outside.path, off_t(page)) == 0  // the first page stays: the runtime's backtracer reads it
        else { exit(5) }
        let byte = raw.load(fromByteOffset: page, as: UInt8.self)
        withExtendedLifetime(guarded) {}
        exit(byte == 0 ? 3 : 4)  // reached only if the fault was absorbed
    }

    /// The fault must kill the process by SIGBUS, as it would without the guard.
    ///
    /// The child is this test binary, run again on this test alone, with the Swift runtime's crash
    /// handler off, so the guard passes the signal on to the default action. (Chaining to that crash
    /// handler also ends in SIGBUS, but leaves its backtracer process behind, holding the test's
    /// output open; a forked child of the test process does the same.)
    @Test func faultOutsideEveryMappingStillKillsTheProcess() throws {
        if ProcessInfo.processInfo.environment[Self.childVariable] != nil { try Self.faultOutsideEveryMapping() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [
            "--testing-library", "swift-testing", "--filter", "TruncationGuardTests/faultOutsideEveryMapping",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == SIGBUS)
    }
}
