import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit

/// The data dictionary (`workforce schema`, docs/inputs.md) against the program.
@Suite struct DataDictionaryTests {
    /// docs/inputs.md's dictionary is exactly what `workforce schema` prints now.
    @Test func theDocumentIsTheDictionary() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/inputs.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let marker = try #require(text.range(of: "<!-- dictionary:begin"))
        let begin = try #require(text[marker.upperBound...].range(of: "-->\n"))
        let end = try #require(text.range(of: "\n<!-- dictionary:end -->"))
        let documented = String(text[begin.upperBound..<end.lowerBound])
        let result = try runWorkforce(["schema"])
        #expect(result.status == 0)
        #expect(
            documented == result.output.trimmingCharacters(in: .newlines),
            "run `workforce schema` and paste it into docs/inputs.md")
        let csv = try runWorkforce(["schema", "--format", "csv"])
        #expect(csv.output.hasPrefix("table,column,chinese_header,required,type,accepted,code,meaning_en,meaning_zh\n"))
    }

    /// Every column of every table has an entry with a type and a rule, and every code list
    /// holds the codes the validators read.
    @Test func everyColumnIsDescribed() {
        for table in TableKind.allCases {
            let described = DataDictionary.columns.filter { $0.table == table }
            #expect(described.map(\.spec.name) == TableSchemas.columns(of: table).map(\.name))
        }
        for column in DataDictionary.columns {
            #expect(!column.rule.isEmpty && !column.type.isEmpty, "\(column.table).\(column.spec.name)")
            #expect(column.rule != "any text" || column.codes.isEmpty, "\(column.table).\(column.spec.name)")
        }
        let sex = DataDictionary.columns.first { $0.table == .workers && $0.spec.name == "sex" }
        #expect(sex?.codes.map(\.code) == WorkerCodes.sexes.english)
        let district = DataDictionary.columns.first { $0.table == .workers && $0.spec.name == "district" }
        #expect(district?.codes.count == 16)
    }

    /// Each integer range of workers.csv the dictionary states is the validators': its edges are
    /// accepted, one past either edge quarantined as out of range, naming the column.
    @Test func workersIntegerRangesAreTheValidators() throws {
        let ranged = DataDictionary.columns.filter { $0.table == .workers && $0.range != nil && $0.spec.name != "year" }
        #expect(ranged.map(\.spec.name) == ["age", "education", "skill_level", "title"])
        var lines = [ValidationRuleTests.header]
        var expected: [(line: Int, column: String?)] = []
        for column in ranged {
            let range = try #require(column.range)
            for (value, inside) in [
                (range.lowerBound, true), (range.upperBound, true), (range.lowerBound - 1, false),
                (range.upperBound + 1, false),
            ] {
                lines.append(ValidationRuleTests.row([column.spec.name: String(value)], id: lines.count))
                expected.append((lines.count, inside ? nil : column.spec.name))
            }
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let (_, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        for (line, column) in expected {
            let entry = quarantine.first { $0["line"] == String(line) }
            #expect(entry?["column"] == column, "line \(line)")
            if column != nil { #expect(entry?["reason"] == "out of range") }
        }
    }

    /// `workforce schema --template workers.xlsx` writes an empty return with the Chinese headers
    /// (which the product reads: a validate finds the table and no row) and a drop-down of each
    /// coded column's values; the same layout filled in with codes by their Chinese names is accepted.
    @Test func theTemplateIsAReturnTheProductReads() throws {
        let folder = temporaryFolder()
        let file = folder.appendingPathComponent("workers.xlsx")
        let written = try runWorkforce(["schema", "--template", file.path])
        #expect(written.status == 0, "\(written.errors)")
        let archive = try Archive(url: file, accessMode: .read)
        var bytes = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet2.xml"])) { bytes.append($0) }
        let sheet = String(decoding: bytes, as: UTF8.self)
        #expect(sheet.contains(#"<t xml:space="preserve">职工编号</t>"#))
        #expect(sheet.contains(#"sqref="G2:G100000"><formula1>"M,男,F,女"</formula1>"#), "sex")
        #expect(sheet.contains(#"<formula1>"1,2,3,4,5"</formula1>"#), "education")
        let empty = try runWorkforce(["validate", "--inputs", folder.path, "--outputs", temporaryFolder().path])
        #expect(empty.status == 0, "\(empty.errors)")
        #expect(empty.errors.contains("0 rows in"))
        // Filled in: a worker with Chinese codes under the template's headers.
        let columns = DataDictionary.columns.filter { $0.table == .workers }
        var values = ValidationRuleTests.base
        (values["sex"], values["hukou"], values["employment_type"], values["trained"]) = ("女", "外省市", "劳务派遣", "是")
        var filled = ReportTable(name: "workers", columns: columns.map(\.spec.chinese))
        filled.append(columns.map { .text(values[$0.spec.name] ?? "") })
        let inputs = temporaryFolder()
        try XLSXWriter().render(readme: ReportTable(name: "README", columns: ["note"]), sheets: [filled]).write(
            to: inputs.appendingPathComponent("workers.xlsx"))
        let outputs = temporaryFolder()
        let result = try runWorkforce(["validate", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("1 rows in") && result.errors.contains("0 quarantined"), "\(result.errors)")
    }
}
