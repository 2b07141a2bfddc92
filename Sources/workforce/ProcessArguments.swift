import Foundation

/// The command line's arguments, or nil when the process cannot know them.
///
/// On Linux the Swift runtime finds `argv` by reading `/proc/self/maps`; when that file
/// cannot be read (a sandbox that hides it, a seccomp or LSM rule) `CommandLine.arguments`
/// is empty, and parsing nothing would run `run` on ./Inputs → ./Outputs as if no option
/// had been given. Then the arguments are read from `/proc/self/cmdline`; when that fails
/// too, they are unknown and the command must stop rather than guess.
enum ProcessArguments {
    /// The arguments after the program's name.
    static func read(
        runtime: [String] = CommandLine.arguments, cmdline: () -> Data? = { contents("/proc/self/cmdline") }
    ) -> [String]? {
        // argv[0] is always there when the runtime found argv.
        if !runtime.isEmpty { return Array(runtime.dropFirst()) }
        guard let data = cmdline(), data.last == 0 else { return nil }
        // NUL-terminated strings, argv[0] first; an empty argument is an empty string between two NULs.
        let parts = data.dropLast().split(separator: 0, omittingEmptySubsequences: false)
        return parts.dropFirst().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The whole contents of a small file of /proc, or nil.
    private static func contents(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd()
    }

    /// The message when the arguments cannot be known.
    static let unknown =
        "cannot read this process's command line (/proc/self/maps and /proc/self/cmdline are unreadable), "
        + "so its options are unknown and nothing was done; run it where /proc is readable (systemd: "
        + "ProcSubset=pid and ProtectProc=invisible are fine, a mount without /proc is not)"
}
