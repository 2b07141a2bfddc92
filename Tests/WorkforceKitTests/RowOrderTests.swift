import Foundation
import Testing

@testable import WorkforceKit

/// Estimates describe the rows, not the order they are listed in: a file whose PSUs are
/// scattered gives the same numbers as the same rows grouped by PSU (up to the rounding of sums
/// taken in another order), and the same bits for any number of threads.
///
/// The streaming passes assume a PSU's rows usually sit together; scattered PSUs take the
/// path that sorts and merges each domain's per-PSU entries, which this test checks.
@Suite struct RowOrderTests {
    /// Rows with PSUs drawn at random, so that every PSU comes back many times in file order.
    static func scatteredRows(seed: Int) -> [String] {
        var random = SplitMix(seed: UInt64(4000 + seed))
        var rows: [String] = []
        for index in 0..<Int(random.next() % 800 + 300) {
            let union = ["", "0", "1"][Int(random.next() % 3)]
            rows.append(
                ValidationRuleTests.row(
                    [
                        "monthly_wage": String(Double(random.next() % 5_000_000) / 97 + 1000),
                        "weight": String(Double(random.next() % 1_000_000) / 7919 + 0.01),
                        "district": District.names[Int(random.next() % 4)],
                        "enterprise_id": "E\(random.next() % 40)",
                        "industry": Industry.letters[Int(random.next() % 6)],
                        "employment_type": ["regular", "dispatch", "outsourced"][Int(random.next() % 3)],
                        "hukou": random.next() % 3 == 0 ? "nonlocal" : "local",
                        "trained": String(random.next() % 2), "training_hours": String(random.next() % 80),
                        "training_subsidy": String(random.next() % 500),
                        "housing_fund": String(random.next() % 2), "union_member": union,
                        "commute_minutes": random.next() % 5 == 0 ? "" : String(random.next() % 120),
                    ], id: index))
        }
        return rows
    }

    @Test(arguments: 0..<3)
    func scatteredPSUsGiveTheSameEstimatesAsGroupedOnes(seed: Int) throws {
        let rows = Self.scatteredRows(seed: seed)
        // The same rows grouped by enterprise (the PSU), file order kept within each.
        let enterprise = { (row: String) in row.split(separator: ",", omittingEmptySubsequences: false)[2] }
        let grouped = rows.enumerated().sorted {
            (enterprise($0.element), $0.offset) < (enterprise($1.element), $1.offset)
        }.map(\.element)
        let header = ValidationRuleTests.header
        let scattered = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + rows).joined(separator: "\n") + "\n"]), jobs: 1)
        let tidy = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + grouped).joined(separator: "\n") + "\n"]), jobs: 1)
        let threaded = try runPipeline(
            inputs: try makeInputs(["workers.csv": ([header] + rows).joined(separator: "\n") + "\n"]), jobs: 3)
        for name in ["composition.csv", "wages.csv", "training.csv", "coverage.csv"] {
            let a = try String(contentsOf: scattered.outputs.appendingPathComponent(name), encoding: .utf8)
            let b = try String(contentsOf: tidy.outputs.appendingPathComponent(name), encoding: .utf8)
            let c = try String(contentsOf: threaded.outputs.appendingPathComponent(name), encoding: .utf8)
            #expect(a == c, "seed \(seed): \(name) differs between 1 and 3 threads")
            let linesA = a.split(separator: "\n"), linesB = b.split(separator: "\n")
            try #require(linesA.count == linesB.count, "seed \(seed): \(name) has different rows")
            #expect(linesA.count > 20)
            for (lineA, lineB) in zip(linesA, linesB) where lineA != lineB {
                let fieldsA = lineA.split(separator: ",", omittingEmptySubsequences: false)
                let fieldsB = lineB.split(separator: ",", omittingEmptySubsequences: false)
                for (x, y) in zip(fieldsA, fieldsB) where x != y {
                    let u = try #require(Double(x), "\(name): \(x) vs \(y)")
                    let v = try #require(Double(y), "\(name): \(x) vs \(y)")
                    #expect(abs(u - v) <= 1e-9 * max(abs(u), abs(v), 1e-6), "seed \(seed) \(name): \(u) vs \(v)")
                }
            }
        }
    }
}

/// The wage order that quantiles walk: the same whether the sort runs on one thread or two.
@Suite struct WageOrderTests {
    /// 100,000 rows (above the size where two halves are sorted concurrently) with many tied wages.
    static func samples() -> WageSamples {
        var samples = WageSamples()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let wage = Double(1_000 + (state >> 33) % 500)  // 500 distinct wages: ~200 ties each
            let row = WorkerRecord(
                year: 2021, workerID: "W\(index)", enterpriseID: "E1", district: 0, industry: 2, employmentType: 0,
                sex: 0, age: 30, education: 3, hukou: 0, migrant: false, skillLevel: 1, title: 0, monthlyWage: wage,
                weeklyHours: nil, trained: false, trainingHours: 0, trainingSubsidy: 0, apprentice: false,
                newCertificate: false, housingFund: true, socialInsurance: true, laborContract: true, unionMember: nil,
                partyMember: nil, commuteMinutes: nil, weight: 1, stratum: "S", psu: "P", fpc: nil)
            samples.append(row, psu: 0, codes: WorkerCodesPacked(row, industrialScope: []))
        }
        return samples
    }

    @Test func twoThreadsSortLikeOne() {
        let samples = Self.samples()
        let one = samples.wageOrder(jobs: 1)
        let two = samples.wageOrder(jobs: 2)
        #expect(one.elementsEqual(two))
        // Independently: a permutation of the rows, ascending by wage, ties by row number.
        #expect(Set(two).count == samples.count)
        var sorted = true
        for (a, b) in zip(two, two.dropFirst()) {
            let (wa, wb) = (samples.wages[Int(a)], samples.wages[Int(b)])
            if wa > wb || (wa == wb && a > b) { sorted = false }
        }
        #expect(sorted)
        let core = samples.wageOrderedCore(jobs: 2)
        #expect(core.wages.elementsEqual(two.map { samples.wages[Int($0)] }))
        #expect(core.isWageOrdered)
    }
}

/// The training and coverage measures as requests of the estimation planner (every measure's
/// sums in one walk of all blocks, design effects from a second walk) against the textbook formulas
/// computed here row by row: R = Σ w·y / Σ w·x over the rows with a known y, z per PSU =
/// Σ w·(y − R·x) / X, V = Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)² (no fpc, every stratum with
/// several PSUs), deff = V / (s² (W − n)/(W n)), s² = n/(n − 1) · Σ w (y − ȳ)² / W.
@Suite struct MeasureFormulaTests {
    /// 3,000 workers in 250 PSUs of 12 rows, 5 strata, drawn from a fixed seed.
    struct Survey {
        var samples = WageSamples()
        var rows: [WorkerRecord] = []
        var psuOf: [Int] = []
        let estimator: DesignEstimator

        init() {
            var table = PSUTable()
            var state: UInt64 = 42
            func next(_ bound: UInt64) -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return (state >> 33) % bound
            }
            for index in 0..<3_000 {
                let psuNumber = index / 12  // 250 PSUs of 12 rows, 5 strata
                let psu = table.number(stratum: "S\(psuNumber % 5)", psu: "P\(psuNumber)", fpc: nil)
                let trained = next(3) == 0
                let row = WorkerRecord(
                    year: 2021, workerID: "W\(index)", enterpriseID: "E1", district: 0, industry: 2,
                    employmentType: UInt8(next(4)), sex: UInt8(next(2)), age: 30, education: 3, hukou: UInt8(next(2)),
                    migrant: next(2) == 0, skillLevel: 1, title: 0, monthlyWage: Double(3_000 + next(9_000)),
                    weeklyHours: nil, trained: trained, trainingHours: trained ? Double(next(80)) : 0,
                    trainingSubsidy: trained ? Double(next(900)) : 0, apprentice: next(9) == 0,
                    newCertificate: next(7) == 0, housingFund: next(4) != 0, socialInsurance: next(5) != 0,
                    laborContract: next(6) != 0, unionMember: next(3) == 0 ? nil : next(2) == 0,
                    partyMember: nil, commuteMinutes: next(4) == 0 ? nil : Double(next(120)),
                    weight: 1 + Double(next(50)) / 7, stratum: "S\(psuNumber % 5)", psu: "P\(psuNumber)", fpc: nil)
                samples.append(row, psu: psu, codes: WorkerCodesPacked(row, industrialScope: [2]))
                rows.append(row)
                psuOf.append(psuNumber)
            }
            let design = SurveyDesign(year: 2021, psuNumbers: samples.distinctPSUs(psuCount: table.count), table: table)
            estimator = DesignEstimator(design: design, lonely: .adjust, level: 0.95)
        }
    }

    /// Var = Σ_h n_h/(n_h − 1) Σ_i (z_hi − z̄_h)² over the 5 strata of 50 PSUs each.
    static func variance(_ z: [Double]) -> Double {
        var variance = 0.0
        for stratum in 0..<5 {
            let members = stride(from: stratum, to: 250, by: 5).map { z[$0] }
            let mean = members.reduce(0, +) / Double(members.count)
            let squares = members.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            variance += Double(members.count) / Double(members.count - 1) * squares
        }
        return variance
    }

    @Test func onePassMeasuresMatchTextbookFormulas() throws {
        let survey = Survey()
        let (samples, rowsByIndex, psuOf, estimator) = (survey.samples, survey.rows, survey.psuOf, survey.estimator)
        // (y, x) of each measure on a row, nil when y is unknown: written from the contract, not from the terms.
        let formulas: [(String, (WorkerRecord) -> (y: Double, x: Double)?)] = [
            ("share_trained", { ($0.trained ? 1 : 0, 1) }),
            ("mean_training_hours", { ($0.trainingHours, 1) }),
            ("mean_training_hours_trained", { $0.trained ? ($0.trainingHours, 1) : nil }),
            ("subsidy_per_trainee", { ($0.trainingSubsidy, $0.trained ? 1 : 0) }),
            ("apprenticeship_share", { ($0.apprentice ? 1 : 0, 1) }),
            ("new_certificate_share", { ($0.newCertificate ? 1 : 0, 1) }),
            ("housing_fund_rate", { ($0.housingFund ? 1 : 0, 1) }),
            ("social_insurance_rate", { ($0.socialInsurance ? 1 : 0, 1) }),
            ("labor_contract_rate", { ($0.laborContract ? 1 : 0, 1) }),
            ("union_membership_rate", { row in row.unionMember.map { ($0 ? 1 : 0, 1) } }),
            ("mean_commute_minutes", { row in row.commuteMinutes.map { ($0, 1) } }),
        ]
        let measures = TrainingReport.measures + CoverageReport.measures
        #expect(measures.map(\.indicator) == formulas.map(\.0))
        let requests = measures.map { Request(indicator: $0.indicator, statistic: .ratio($0)) }
        let table = try EstimationPlanner.estimate(
            requests, waves: [Wave(year: 2021, samples: samples, estimator: estimator)], scopes: [.all],
            breakdowns: [.all, .employmentType], jobs: 2)
        var compared = 0
        for row in table.rows where row.domain.by == .employmentType {
            let value = row.domain.value
            let (name, formula) = formulas[row.request]
            let estimate = row.estimate
            // By hand.
            var n = 0, sumY = 0.0, sumX = 0.0, allOnes = true
            for row in rowsByIndex where Int(row.employmentType) == value {
                guard let (y, x) = formula(row) else { continue }
                n += 1
                sumY += row.weight * y
                sumX += row.weight * x
                if x != 1 { allOnes = false }
            }
            let ratio = sumY / sumX
            var z = [Double](repeating: 0, count: 250)
            var deviations = 0.0
            for (index, row) in rowsByIndex.enumerated() where Int(row.employmentType) == value {
                guard let (y, x) = formula(row) else { continue }
                z[psuOf[index]] += row.weight * (y - ratio * x) / sumX
                deviations += row.weight * (y - ratio) * (y - ratio)
            }
            let variance = Self.variance(z)
            #expect(estimate.n == n, "\(name)")
            #expect(abs(estimate.value! - ratio) <= 1e-12 * abs(ratio), "\(name)")
            let se = try #require(estimate.standardError)
            #expect(abs(se - variance.squareRoot()) <= 1e-9 * se, "\(name): \(se) vs \(variance.squareRoot())")
            if allOnes {
                let s2 = Double(n) / Double(n - 1) * deviations / sumX
                let deff = variance / (s2 * (sumX - Double(n)) / (sumX * Double(n)))
                let got = try #require(estimate.designEffect, "\(name)")
                #expect(abs(got - deff) <= 1e-9 * deff, "\(name): deff \(got) vs \(deff)")
            } else {
                #expect(estimate.designEffect == nil, "\(name)")
            }
            compared += 1
        }
        #expect(compared == 4 * formulas.count)
    }

    /// A total (Σ w·y, z per PSU = Σ w·y), a ratio of two columns (z = Σ w·(y − R·x)/X, no design
    /// effect) and a gap to the reference group (z of the group minus z of the reference, PSU by
    /// PSU; n the smaller group's) from one planner run, against the formulas worked row by row.
    @Test func totalsRatiosOfColumnsAndGapsMatchTextbookFormulas() throws {
        let survey = Survey()
        let requests = [
            Request(indicator: "total_hours", statistic: .total(RowMeasure("total_hours", .column(.trainingHours)))),
            Request(
                indicator: "subsidy_per_hour",
                statistic: .ratio(RowMeasure("subsidy_per_hour", .column(.trainingSubsidy), over: .trainingHours))),
            Request(
                indicator: "share_trained_gap",
                statistic: .gapToReference(.flag("share_trained", WorkerFlags.trained))),
        ]
        let table = try EstimationPlanner.estimate(
            requests, waves: [Wave(year: 2021, samples: survey.samples, estimator: survey.estimator)],
            scopes: [.all], breakdowns: [.employmentType], jobs: 1)
        /// Per PSU and in all: Σ w·y and Σ w·x over the rows of employment type `value`.
        func sums(_ value: Int, _ y: (WorkerRecord) -> Double, _ x: (WorkerRecord) -> Double) -> (
            y: [Double], x: [Double], n: Int
        ) {
            var (ys, xs) = ([Double](repeating: 0, count: 250), [Double](repeating: 0, count: 250))
            var n = 0
            for (index, row) in survey.rows.enumerated() where Int(row.employmentType) == value {
                ys[survey.psuOf[index]] += row.weight * y(row)
                xs[survey.psuOf[index]] += row.weight * x(row)
                n += 1
            }
            return (ys, xs, n)
        }
        /// A ratio's z per PSU and its value.
        func linearised(_ s: (y: [Double], x: [Double], n: Int)) -> (z: [Double], ratio: Double) {
            let (Y, X) = (s.y.reduce(0, +), s.x.reduce(0, +))
            return (zip(s.y, s.x).map { ($0 - Y / X * $1) / X }, Y / X)
        }
        func expect(_ estimate: Estimate, value: Double, variance: Double, n: Int, _ what: String) throws {
            #expect(estimate.n == n, "\(what)")
            #expect(abs(try #require(estimate.value) - value) <= 1e-12 * abs(value), "\(what)")
            let se = try #require(estimate.standardError)
            #expect(abs(se - variance.squareRoot()) <= 1e-9 * se, "\(what): \(se) vs \(variance.squareRoot())")
            #expect(estimate.designEffect == nil, "\(what)")
        }
        let trained = { (row: WorkerRecord) in row.trained ? 1.0 : 0 }
        let reference = linearised(sums(0, trained, { _ in 1 }))
        var seen: [String: Int] = [:]
        for row in table.rows {
            let value = row.domain.value
            let name = requests[row.request].indicator
            seen[name, default: 0] += 1
            switch name {
            case "total_hours":
                let s = sums(value, \.trainingHours, { _ in 1 })
                try expect(row.estimate, value: s.y.reduce(0, +), variance: Self.variance(s.y), n: s.n, name)
            case "subsidy_per_hour":
                let s = sums(value, \.trainingSubsidy, \.trainingHours)
                let (z, ratio) = linearised(s)
                try expect(row.estimate, value: ratio, variance: Self.variance(z), n: s.n, name)
            default:
                let s = sums(value, trained, { _ in 1 })
                let (z, ratio) = linearised(s)
                let n = min(s.n, sums(0, trained, { _ in 1 }).n)
                try expect(
                    row.estimate, value: ratio - reference.ratio,
                    variance: Self.variance(zip(z, reference.z).map { $0 - $1 }), n: n, name)
            }
        }
        // Four employment types; no gap for the reference group itself.
        #expect(seen == ["total_hours": 4, "subsidy_per_hour": 4, "share_trained_gap": 3])
    }

    /// The two walks that stream (moments per stratum) and the walks that keep every domain's
    /// per-PSU lists give the same table: every n and estimate bit for bit, SEs, intervals and
    /// design effects within 1e-12 relative (they differ only in how the stratum's squared
    /// deviations are summed). With a PSU that comes back after another, streaming declines and
    /// the lists serve.
    @Test func streamedAndListedWalksAgree() throws {
        let survey = Survey()
        let measures = TrainingReport.measures + CoverageReport.measures
        let requests =
            measures.flatMap(\.requests) + [
                Request(indicator: "total_hours", statistic: .total(RowMeasure("total_hours", .column(.trainingHours))))
            ]
            + [0.25, 0.5, 0.9].map { p in
                Request(
                    indicator: "p\(p)",
                    statistic: .quantile(RowMeasure("", .column(.wage)), probability: p, interval: true))
            } + [
                // Women's median wage with its interval, and men's as a point: quantiles of a subgroup.
                Request(
                    indicator: "p50_women",
                    statistic: .quantile(
                        RowMeasure("", .column(.wage), known: .code(.sex, in: [1])), probability: 0.5, interval: true)),
                Request(
                    indicator: "p50_men",
                    statistic: .quantile(
                        RowMeasure("", .column(.wage), known: .code(.sex, in: [0])), probability: 0.5, interval: false)),
            ]
        let plan = EstimationPlan(requests)
        let wave = Wave(year: 2021, samples: survey.samples, estimator: survey.estimator)
        let blocks: [(Scope, ByVariable)] = [(.all, .all), (.all, .employmentType), (.all, .hukou), (.all, .sex)]
        let cores = plan.cores(wave, jobs: 1)
        let quantiles = blocks.map { plan.quantiles(cores, scope: $0.0, by: $0.1) }
        let streamed = try #require(plan.streamed(wave, blocks: blocks, quantiles: quantiles, cores: cores))
        let listed = plan.listed(
            wave, blocks: blocks, expected: blocks.map { _ in nil }, quantiles: quantiles, cores: cores)
        let quantileRows = streamed.flatMap { (try? $0.get()) ?? [] }.filter {
            requests[$0.request].indicator.hasPrefix("p") && $0.estimate.standardError != nil
        }
        #expect(quantileRows.count >= 4 * 8, "quantiles with intervals in every domain")
        let compared = try expectSameTables(
            streamed, listed, tolerance: 1e-12, label: { requests[$0.request].indicator })
        #expect(compared > 100)
        // The same workers with the first PSU's first row moved to the end: PSU 0 comes back.
        var moved = WageSamples()
        var table = PSUTable()
        for row in survey.rows.dropFirst() + [survey.rows[0]] {
            let psu = table.number(stratum: row.stratum, psu: row.psu, fpc: nil)
            moved.append(row, psu: psu, codes: WorkerCodesPacked(row, industrialScope: [2]))
        }
        let design = SurveyDesign(year: 2021, psuNumbers: moved.distinctPSUs(psuCount: table.count), table: table)
        let cameBack = Wave(
            year: 2021, samples: moved, estimator: DesignEstimator(design: design, lonely: .adjust, level: 0.95))
        let movedCores = plan.cores(cameBack, jobs: 1)
        #expect(
            plan.streamed(
                cameBack, blocks: blocks, quantiles: blocks.map { plan.quantiles(movedCores, scope: $0.0, by: $0.1) },
                cores: movedCores) == nil)
    }

    /// The planner's table is the same, estimate for estimate, with one job (every block in one
    /// group) and with three (blocks dealt to three groups walked concurrently).
    @Test func theTableDoesNotDependOnJobs() throws {
        let survey = Survey()
        let requests = (TrainingReport.measures + CoverageReport.measures).flatMap(\.requests)
        let wave = Wave(year: 2021, samples: survey.samples, estimator: survey.estimator)
        let tables = try [1, 3].map { jobs in
            try EstimationPlanner.estimate(
                requests, waves: [wave], scopes: Scope.builtIns, breakdowns: ByVariable.builtIns, jobs: jobs)
        }
        #expect(tables[0].rows.count > 400)
        #expect(tables[0].rows.count == tables[1].rows.count)
        for (a, b) in zip(tables[0].rows, tables[1].rows) {
            #expect(a.domain == b.domain && a.request == b.request && a.estimate == b.estimate)
        }
    }
}
