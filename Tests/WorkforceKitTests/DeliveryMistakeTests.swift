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
}
