import Foundation
import Testing

@testable import WorkforceKit
@testable import WorkforceSample

/// The whole run on a generated city survey: every report, its documented columns, no NaN or infinity, any --jobs.
@Suite struct SampleRunTests {
    static let reports = [
        "composition.csv", "wages.csv", "training.csv", "coverage.csv", "equal_pay.csv", "wage_vs_economy.csv",
        "skill_fit.csv", "enterprises.csv", "targets.csv", "data_quality.csv",
    ]

    @Test func everyReportIsCompleteFiniteAndThreadIndependent() throws {
        let inputs = temporaryFolder("sample")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 2500, years: [2019, 2021], seed: 5), to: inputs)
        let one = try runPipeline(inputs: inputs, jobs: 1, chunkBytes: 64 << 10, disclosure: DisclosurePolicy())
        let three = try runPipeline(inputs: inputs, jobs: 3, chunkBytes: 64 << 10, disclosure: DisclosurePolicy())
        for name in Self.reports {
            let url = one.outputs.appendingPathComponent(name)
            let bytes = try Data(contentsOf: url)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(name) starts with a BOM")
            let header = String(decoding: bytes.dropFirst(3).prefix { $0 != 0x0A }, as: UTF8.self)
            switch name {
            case "targets.csv": #expect(header == TargetsReport.columns.joined(separator: ","))
            case "data_quality.csv": #expect(header == DataQualityReport.columns.joined(separator: ","))
            case "wage_vs_economy.csv": #expect(header == WageGrowthReport.columns.joined(separator: ","))
            default: #expect(header == EstimateRow.columns.joined(separator: ","), "\(name) columns")
            }
            let rows = try readCSV(url)
            #expect(!rows.isEmpty, "\(name) has rows")
            for row in rows {
                // Every published indicator and domain is named for people, with its unit.
                if let indicator = row["indicator"] {
                    #expect(row["label_en"] != indicator && row["label_zh"] != indicator, "\(name) \(indicator) label")
                    #expect(
                        row["unit_en"]?.isEmpty == false && row["unit_zh"]?.isEmpty == false,
                        "\(name) \(indicator) unit")
                }
                if let domain = row["domain"] {
                    #expect(
                        row["domain_en"]?.isEmpty == false && row["domain_zh"]?.isEmpty == false, "\(name) \(domain)")
                }
                for (column, value) in row
                where ["estimate", "se", "ci_low", "ci_high", "deff", "actual", "progress"].contains(column) {
                    #expect(value.isEmpty || Double(value)?.isFinite == true, "\(name) \(column) = \(value)")
                }
            }
            #expect(
                try Data(contentsOf: url) == Data(contentsOf: three.outputs.appendingPathComponent(name)),
                "\(name) differs with --jobs 3")
        }
    }
}
