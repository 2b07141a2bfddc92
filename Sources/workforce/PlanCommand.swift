import ArgumentParser
import Foundation
import WorkforceKit

/// `workforce plan`: write and check the survey plan (docs/plan.md).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write or check the survey plan: what `run` estimates, and with which thresholds.",
        discussion: """
            `run` and `validate` read INPUTS/plan.toml when it exists (or the file given with --plan); options on \
            the command line override the plan, and the plan overrides the built-in defaults. \
            Every key is described in docs/plan.md.
            """,
        subcommands: [PlanInitCommand.self, PlanCheckCommand.self])
}

/// `workforce plan init`: the built-in plan as a commented file.
struct PlanInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write the built-in plan as a commented TOML file (- for standard output).")

    @Argument(help: "Where to write it.")
    var file = "Inputs/plan.toml"

    @Flag(help: "Replace an existing file.")
    var force = false

    func run() throws {
        if file == "-" {
            print(SurveyPlan.defaultText, terminator: "")
            return
        }
        if FileManager.default.fileExists(atPath: file), !force {
            printError("workforce: error: \(file) exists; pass --force to replace it, or give another file")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
        do {
            try Data(SurveyPlan.defaultText.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            printError("workforce: error: cannot write \(file): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.cannotCreate.rawValue)
        }
        printError("workforce: wrote the built-in plan to \(file); edit it, then `workforce plan check \(file)`")
    }
}

/// `workforce plan check`: exit 0 for a plan `run` can use, 65 (with the line and the fix) otherwise.
struct PlanCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a plan file: 0 when `run` can use it, 65 with the line, the key and the fix when not.")

    @Argument(help: "The plan to check.")
    var file = "Inputs/plan.toml"

    func run() throws {
        do {
            let plan = try SurveyPlan.load(path: file)
            let changes = plan.changesFromBuiltIn
            let summary = changes.isEmpty ? "the built-in settings" : changes.joined(separator: ", ")
            print("\(file): good; \(summary)")
        } catch {
            printError("workforce: error: \(error)")
            throw ExitCode(error.exitStatus.rawValue)
        }
    }
}
