import Foundation
import Testing

@testable import WorkforceKit

/// A calibrated wave is estimated in two streaming walks (each PSU's residual t = z − Bᵀ·W
/// gathered as the PSUs go by; the PSUs without a domain's rows from their strata's Σ W and
/// Σ W·Wᵀ) — or, where a PSU comes back, from per-PSU lists with every PSU's residual. The two
/// forms are worked out independently; both must give the same table.
@Suite struct CalibratedWalksTests {
    /// The survey of `MeasureFormulaTests` (250 PSUs in 5 strata, sex, hukou and employment type varying
    /// within PSUs) raked to population totals of sex (tilted 10 % towards women) and hukou.
    static func calibratedWave() throws -> Wave {
        var samples = MeasureFormulaTests.Survey().samples
        let estimator = MeasureFormulaTests.Survey().estimator
        let settings = CalibrationSettings(method: .rake, margins: [.sex, .hukou])
        // The sample's weighted counts of each margin's codes.
        var counts: [[Double]] = [[0, 0], [0, 0]]
        samples.withColumns { columns in
            for row in 0..<columns.count {
                for (m, margin) in settings.margins.enumerated() {
                    counts[m][margin.value(row, columns)] += columns.weights[row]
                }
            }
        }
        let total = counts[0].reduce(0, +)
        let sexTotals = [counts[0][0] * 0.9, counts[0][1] * 0.9 + total * 0.1]
        var population: [PopulationRecord] = []
        for (m, margin) in settings.margins.enumerated() {
            let totals = m == 0 ? sexTotals : counts[1]
            for value in 0..<2 {
                population.append(
                    PopulationRecord(year: 2021, margin: margin.name, code: margin.label(value), total: totals[value]))
            }
        }
        let model = try CalibrationModel(samples, year: 2021, settings: settings, population: population)
        let (weights, _) = try WeightCalibration.weights(model, settings: settings)
        samples.calibrate(weights: weights, rows: model.rows)
        var design = estimator.design
        design.calibration = try #require(CalibrationDesign(samples, design: design))
        return Wave(
            year: 2021, samples: samples, estimator: DesignEstimator(design: design, lonely: .adjust, level: 0.95))
    }

    /// Every statistic the planner knows — rates, means, ratios, totals, gaps to the reference
    /// group, quantiles with Woodruff intervals, shares of a subgroup, and headcounts the raking
    /// fixes (their SE is rounding) — in four breakdowns: the streamed and the listed forms agree,
    /// n and estimates exactly, SEs, intervals and design effects to 1e-9 of the estimate's scale.
    @Test func streamedAndListedCalibratedWalksAgree() throws {
        let wave = try Self.calibratedWave()
        let measures = TrainingReport.measures + CoverageReport.measures
        let requests =
            measures.flatMap(\.requests) + [
                Request(
                    indicator: "total_hours", statistic: .total(RowMeasure("total_hours", .column(.trainingHours)))),
                Request(indicator: "headcount", statistic: .total(RowMeasure("headcount", .code(.sex, [0, 1])))),
                Request(indicator: "women", statistic: .total(RowMeasure("women", .code(.sex, [1])))),
            ]
            + [0.25, 0.5, 0.9].map { p in
                Request(
                    indicator: "p\(p)",
                    statistic: .quantile(RowMeasure("", .column(.wage)), probability: p, interval: true))
            }
        let plan = EstimationPlan(requests)
        let blocks: [(Scope, ByVariable)] = [(.all, .all), (.all, .employmentType), (.all, .hukou), (.all, .sex)]
        let cores = plan.cores(wave, jobs: 1)
        let quantiles = blocks.map { plan.quantiles(cores, scope: $0.0, by: $0.1) }
        let streamed = try #require(plan.streamed(wave, blocks: blocks, quantiles: quantiles, cores: cores))
        let listed = plan.listed(
            wave, blocks: blocks, expected: blocks.map { _ in nil }, quantiles: quantiles, cores: cores)
        var fixed = 0
        let scale = { (row: EstimateTable.Row) in max(1, abs(row.estimate.value ?? 0)) }
        let compared = try expectSameTables(
            streamed, listed, tolerance: 1e-9, scale: scale,
            label: { "\(requests[$0.request].indicator) \($0.domain.by.name) \($0.domain.value)" }
        ) { x, _ in
            // The raked margins' headcounts are the population's: their SE is rounding in both forms.
            if ["headcount", "women"].contains(requests[x.request].indicator), x.domain.by == .all {
                let se = try #require(x.estimate.standardError)
                #expect(se <= 1e-7 * scale(x))
                fixed += 1
            }
        }
        #expect(compared > 150)
        #expect(fixed == 2)
        // Calibration changes the SEs: the uncalibrated design's SE of the mean wage differs.
        let uncalibrated = Wave(
            year: 2021, samples: MeasureFormulaTests.Survey().samples, estimator: MeasureFormulaTests.Survey().estimator
        )
        let mean = [Request(indicator: "mean", statistic: .ratio(RowMeasure("mean", .column(.wage))))]
        let ses = try [wave, uncalibrated].map { wave in
            try EstimationPlanner.estimate(mean, waves: [wave], scopes: [.all], breakdowns: [.all], jobs: 1).rows[0]
                .estimate.standardError ?? 0
        }
        #expect(abs(ses[0] - ses[1]) > 1e-6 * ses[1])
    }
}
