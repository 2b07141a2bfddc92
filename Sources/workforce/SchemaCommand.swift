import ArgumentParser
import Foundation
import WorkforceKit

/// `workforce schema`: the input contract as a data dictionary (docs/inputs.md carries the same).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the input tables' columns, types, accepted values and codes (a data dictionary).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, csv
    }

    @Option(help: "markdown (as docs/inputs.md has it) or csv (a row per column and code).")
    var format: Format = .markdown

    @Option(
        help: ArgumentHelp(
            "Write an empty return of a table as a workbook instead (its table from the file name: workers.xlsx, enterprises_2024.xlsx …): Chinese headers, drop-downs of the codes, a notes sheet.",
            valueName: "file.xlsx"))
    var template: String?

    func run() throws {
        if let template {
            let name = URL(fileURLWithPath: template).lastPathComponent.lowercased()
            guard name.hasSuffix(".xlsx"),
                let table = TableKind.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count })
                    .first(where: { name.hasPrefix($0.filePrefix) })
            else {
                printError(
                    "workforce: error: --template \(template): name the file after its table and end it with .xlsx "
                        + "(\(TableKind.allCases.map { "\($0.rawValue).xlsx" }.joined(separator: ", ")))")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            do {
                try DataDictionary.template(table).write(to: URL(fileURLWithPath: template), options: .atomic)
            } catch {
                printError("workforce: error: cannot write \(template): \(error.localizedDescription)")
                throw ExitCode(ExitStatus.cannotCreate.rawValue)
            }
            printError("workforce: wrote an empty \(table.rawValue) return to \(template); fill in rows from line 2")
            return
        }
        print(
            format == .markdown ? DataDictionary.markdown : DataDictionary.csv,
            terminator: format == .markdown ? "\n" : "")
    }
}
