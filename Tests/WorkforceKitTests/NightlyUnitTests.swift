import Foundation
import Testing

/// The systemd units in contrib/ that `make install-nightly` installs: valid, and sandboxed to an exposure of 4.0 or less.
@Suite struct NightlyUnitTests {
    static let contrib = FaultAndPrivacyTests.packageRoot.appendingPathComponent("contrib")
    static let service = contrib.appendingPathComponent("workforce-nightly.service").path
    static let timer = contrib.appendingPathComponent("workforce-nightly.timer").path
    static let analyzer = "/usr/bin/systemd-analyze"

    static let hasAnalyzer = FileManager.default.isExecutableFile(atPath: analyzer)
    /// Whether this systemd-analyze rates units offline (systemd 250 and later), asked once.
    static let analyzesOffline: Bool = {
        guard hasAnalyzer, let help = try? NightlyUnitTests().analyze(["--help"]) else { return false }
        return help.output.contains("--offline")
    }()

    /// `systemd-analyze security --offline=true` (systemd 250 and later) rates the service at most 4.0 ("OK").
    @Test(.enabled(if: analyzesOffline, "needs systemd-analyze with --offline (Debian package systemd, 250 or later)"))
    func serviceExposureIsAtMostFour() throws {
        let result = try analyze(["security", "--offline=true", "--threshold=40", Self.service])
        let line = try #require(
            result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(result.output)")
        let rating = try #require(
            line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(rating <= 4.0, "\(line)")
        #expect(result.status == 0, "--threshold=40 refused it: \(line)")
    }

    /// `systemd-analyze verify` finds nothing wrong in the service or the timer but the executable,
    /// which is missing wherever the checkout is not at /srv/workforce.
    @Test(.enabled(if: hasAnalyzer, "needs /usr/bin/systemd-analyze (Debian package systemd)"))
    func unitsVerify() throws {
        let result = try analyze(["verify", Self.service, Self.timer])
        let complaints = result.output.split(separator: "\n").filter {
            $0.contains("workforce-nightly")
                && !$0.contains("Command /srv/workforce/.build/release/workforce is not executable")
        }
        #expect(complaints.isEmpty, "\(result.output)")
        #expect(result.status == 0 || result.output.contains("is not executable"), "\(result.output)")
    }

    /// Runs systemd-analyze; returns its status and output (stdout and stderr).
    func analyze(_ arguments: [String]) throws -> (status: Int32, output: String) {
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

    static let noScheduler =
        getuid() == 0 && !FileManager.default.fileExists(atPath: "/run/systemd/system")
        && !["/usr/sbin/cron", "/usr/sbin/crond", "/usr/bin/cron", "/usr/bin/crond"].contains {
            FileManager.default.fileExists(atPath: $0)
        }

    /// `make install-nightly` on a host where neither systemd nor cron runs stops before it
    /// creates the user, the log folder or a unit, and says what to install.
    @Test(.enabled(if: noScheduler, "needs root on a host without systemd running and without cron"))
    func installNightlyWithoutASchedulerChangesNothing() throws {
        let user = "wfnightlycheck"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        process.currentDirectoryURL = FaultAndPrivacyTests.packageRoot
        process.arguments = ["-s", "install-nightly", "NIGHTLY_USER=\(user)", "NIGHTLY_DIR=/nonexistent-checkout"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(
            message.contains("neither systemd nor cron runs here") && message.contains("nothing was changed"),
            "\(message)")
        #expect(message.contains("apt-get install -y cron"))
        #expect(getpwnam(user) == nil, "no user was created")
    }
}
