import ArgumentParser
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

    func run() throws {
        print(
            format == .markdown ? DataDictionary.markdown : DataDictionary.csv,
            terminator: format == .markdown ? "\n" : "")
    }
}
