import Foundation
import Testing

/// The systemd units in contrib/ that `make install-nightly` installs: valid, and sandboxed to an exposure of 4.0 or less.
@Suite struct NightlyUnitTests {
    static let contrib = FaultAndPrivacyTests.packageRoot.appendingPathComponent("contrib")
    static let service = contrib.appendingPathComponent("workforce-nightly.service").path
    static let timer = contrib.appendingPathComponent("workforce-nightly.timer").path
    static let analyzer = "/usr/bin/systemd-analyze"

    /// `systemd-analyze security --offline=true` (systemd 250 and later) rates the service at most 4.0 ("OK").
    @Test func serviceExposureIsAtMostFour() throws {
        guard let result = try analyze(["security", "--offline=true", "--threshold=40", Self.service]) else { return }
        if result.output.contains("unrecognized option") {
            print("skipped: this systemd-analyze has no --offline (systemd 250 and later): \(result.output)")
            return
        }
        let line = try #require(
            result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(result.output)")
        let rating = try #require(
            line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(rating <= 4.0, "\(line)")
        #expect(result.status == 0, "--threshold=40 refused it: \(line)")
    }

    /// `systemd-analyze verify` finds nothing wrong in the service or the timer but the executable,
    /// which is missing wherever the checkout is not at /srv/workforce.
    @Test func unitsVerify() throws {
        guard let result = try analyze(["verify", Self.service, Self.timer]) else { return }
        let complaints = result.output.split(separator: "\n").filter {
            $0.contains("workforce-nightly")
                && !$0.contains("Command /srv/workforce/.build/release/workforce is not executable")
        }
        #expect(complaints.isEmpty, "\(result.output)")
        #expect(result.status == 0 || result.output.contains("is not executable"), "\(result.output)")
    }

    /// Runs systemd-analyze; returns its status and output (stdout and stderr), or nil, with the reason printed,
    /// when it is not installed.
    func analyze(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        guard FileManager.default.isExecutableFile(atPath: Self.analyzer) else {
            print("skipped: \(Self.analyzer) not found (Debian package systemd), the nightly units cannot be checked")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.analyzer)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
