import Foundation
import Testing

@testable import WorkforceKit

/// Mistakes a bureau's delivery makes, each answered with what to do.
@Suite struct DeliveryMistakeTests {
    var fixture: URL {
        get throws {
            try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures"))
        }
    }

    /// `--inputs` naming the workers file itself says it is a file and to pass its folder.
    @Test func inputsNamingAFileSaysSo() throws {
        let file = try fixture.appendingPathComponent("workers.csv")
        let result = try runWorkforce(["run", "--inputs", file.path, "--outputs", temporaryFolder().path])
        #expect(result.status == 66)
        #expect(result.errors.contains("is a file, not a folder; pass the folder that holds it"), "\(result.errors)")
        #expect(!result.errors.contains("does not exist"))
    }

    /// A folder whose workers table is an .xls (or a WPS .et) names it and says how to save it.
    @Test func anUnreadableSpreadsheetIsNamed() throws {
        let inputs = temporaryFolder()
        for name in ["workers_2021.xls", "workers_2022.et"] {
            try Data([0xD0, 0xCF, 0x11, 0xE0]).write(to: inputs.appendingPathComponent(name))
        }
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", temporaryFolder().path])
        #expect(result.status == 66)
        #expect(result.errors.contains("workers_2021.xls, workers_2022.et cannot be read"), "\(result.errors)")
        #expect(result.errors.contains("save it as .xlsx or CSV"))
    }

    /// A program in programs.csv that no target names (a misspelt code) is warned about, with the
    /// nearest target's indicator.
    @Test func aProgramNoTargetNamesIsWarnedAbout() throws {
        let inputs = temporaryFolder()
        try FileManager.default.copyItem(
            at: try fixture.appendingPathComponent("workers.csv"), to: inputs.appendingPathComponent("workers.csv"))
        try "year,program,value\n2020,high_skill_training_base,90\n2020,open_training_centers,80\n".write(
            to: inputs.appendingPathComponent("programs.csv"), atomically: true, encoding: .utf8)
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", temporaryFolder().path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.errors.contains(
                "warning: programs.csv: program high_skill_training_base is not the indicator of any target"),
            "\(result.errors)")
        #expect(result.errors.contains("did you mean high_skill_training_bases?"))
        #expect(!result.errors.contains("program open_training_centers"))
    }

    /// A title line above the header (a report's name, as a bureau's export writes it) is passed
    /// over as in a workbook sheet, counted in data_quality.csv; the rows keep their own line
    /// numbers. A file without any header is still refused, naming its first line.
    @Test func aTitleLineAboveTheHeaderIsPassedOver() throws {
        let inputs = try makeInputs([
            "workers.csv": "2021年职工调查（单位：元）,,\n" + ValidationRuleTests.header + "\n"
                + ValidationRuleTests.row([:], id: 1)
                + "\n" + ValidationRuleTests.row(["age": "5"], id: 2) + "\n"
        ])
        let (summary, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        #expect(summary.rowsRead == 2 && summary.rowsQuarantined == 1)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(quarantine.first?["line"] == "4" && quarantine.first?["column"] == "age")
        let quality = try readCSV(outputs.appendingPathComponent("data_quality.csv"))
        #expect(quality.first { $0["measure"] == "title_lines" }?["value"] == "1")
        let headerless = try makeInputs(["workers.csv": ValidationRuleTests.row([:], id: 1) + "\n"])
        #expect(throws: InputError.self) { try runPipeline(inputs: headerless, validateOnly: true) }
        do {
            _ = try runPipeline(inputs: headerless, validateOnly: true)
        } catch let error as InputError {
            #expect(error.description.contains("workers.csv:1: missing required column"), "\(error)")
        }
    }
}
