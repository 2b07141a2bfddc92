import Foundation
import Testing

@testable import WorkforceKit

/// The estimation engine against R's survey package on public survey data.
///
/// Fixtures/r-reference/<dataset>/ holds the dataset in the input contract and
/// the estimates R computed from that very file (scripts/r/reference_survey.R,
/// R 4.2.2, survey 4.1.1): totals, shares, means with design effects, low-pay
/// rates, and quantiles with Woodruff intervals, overall and per domain.
@Suite struct RReferenceTests {
    static let datasets = ["apistrat", "apiclus1", "apiclus2", "apiclus1_by_county", "nhanes"]

    @Test(arguments: datasets)
    func estimatesAgreeWithR(dataset: String) throws {
        try expectAgreement(dataset, in: "Fixtures/r-reference", lonely: .adjust)
    }

    /// `--lonely-psu average` as R's `svyby(…, svymean, design)` with `survey.lonely.psu = "average"`:
    /// apiclus2 stratified by county, 17 single-PSU strata of 26 (scripts/r/lonely_average.R).
    /// Domain SEs are scaled by the strata each domain touches, not the whole design's.
    @Test func averagedLonelyPSUsAgreeWithSvyby() throws {
        try expectAgreement("apiclus2_by_county", in: "Fixtures/r-lonely", lonely: .average)
    }

    /// Runs the pipeline on `subdirectory/dataset` and compares every row R wrote beside it.
    private func expectAgreement(_ dataset: String, in subdirectory: String, lonely: LonelyPSUPolicy) throws {
        let folder = try #require(
            Bundle.module.url(forResource: dataset, withExtension: nil, subdirectory: subdirectory))
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count > 50)
        let (summary, outputs) = try runPipeline(inputs: folder, jobs: 2, lonely: lonely)
        #expect(summary.isClean)
        let ours =
            try readCSV(outputs.appendingPathComponent("composition.csv"))
            + readCSV(outputs.appendingPathComponent("wages.csv"))
        var index: [String: [String: String]] = [:]
        for row in ours where row["year"] == "2000" {
            index[[row["scope"], row["by"], row["domain"], row["indicator"]].map { $0 ?? "" }.joined(separator: "|")] =
                row
        }
        var compared = 0
        for reference in expected {
            let key = [reference["scope"], reference["by"], reference["domain"], reference["indicator"]].map {
                $0 ?? ""
            }
            .joined(separator: "|")
            guard let row = index[key] else {
                Issue.record("\(dataset): no row for \(key)")
                continue
            }
            #expect(row["n"] == reference["n"], "\(dataset) \(key) n")
            let isQuantile = reference["indicator"]?.hasPrefix("p") == true
            let scale = abs(Double(reference["estimate"] ?? "") ?? 1)
            for column in ["estimate", "se", "ci_low", "ci_high", "deff"] {
                let theirs = Double(reference[column] ?? "")
                let mine = Double(row[column] ?? "")
                let constant =
                    ["share", "low_pay_rate"].contains(reference["indicator"] ?? "") && (scale == 0 || scale == 1)
                if column == "deff", constant || theirs == nil || !(theirs ?? 0).isFinite || abs(theirs ?? 0) > 1e12 {
                    // Constant variable in the domain: no element variance, so no design effect.
                    // R then prints NA, Inf or rounding noise (1.8e33); we leave the cell empty.
                    #expect(
                        mine == nil, "\(dataset) \(key) deff: ours \(row[column] ?? "") R \(reference[column] ?? "")")
                } else if isQuantile, column == "estimate" {
                    #expect(
                        mine == theirs,
                        "\(dataset) \(key) \(column): ours \(row[column] ?? "") R \(reference[column] ?? "")")
                } else {
                    #expect(
                        agree(mine, theirs, scale: scale),
                        "\(dataset) \(key) \(column): ours \(row[column] ?? "") R \(reference[column] ?? "")")
                }
                compared += 1
            }
        }
        #expect(compared == expected.count * 5)
    }

    /// Relative agreement to 1e-6 (R wrote 15 significant digits), with an absolute floor
    /// tied to the estimate's magnitude for values that are zero up to rounding (e.g. an SE of 0).
    private func agree(_ mine: Double?, _ theirs: Double?, scale: Double) -> Bool {
        switch (mine, theirs) {
        case (nil, nil): return true
        case let (a?, b?): return abs(a - b) <= 1e-6 * abs(b) + 1e-9 * max(1, scale)
        default: return false
        }
    }
}
