import Foundation
import Testing

@testable import WorkforceKit

/// Small designs worked by hand (the arithmetic is in the comments).
@Suite struct DesignEstimationTests {
    /// Three strata: A with PSUs a1 (w 2, 2; wages 10, 20) and a2 (w 4; 30); B with b1 (1; 40),
    /// b2 (1; 50), b3 (2; 60); C with the lonely PSU c1 (3; 70). Rows with wage ≤ 30 are industry C,
    /// the others K, so the domain industry = C is absent from strata B and C.
    static let rows: [(stratum: String, psu: String, weight: String, wage: String)] = [
        ("A", "a1", "2", "10"), ("A", "a1", "2", "20"), ("A", "a2", "4", "30"),
        ("B", "b1", "1", "40"), ("B", "b2", "1", "50"), ("B", "b3", "2", "60"),
        ("C", "c1", "3", "70"),
    ]

    func run(
        _ rows: [(stratum: String, psu: String, weight: String, wage: String)], fpc: String = "",
        lonely: LonelyPSUPolicy = .adjust
    ) throws -> (wages: [[String: String]], composition: [[String: String]]) {
        var lines = [ValidationRuleTests.header]
        for (index, row) in rows.enumerated() {
            lines.append(
                ValidationRuleTests.row(
                    [
                        "stratum": row.stratum, "psu": row.psu, "weight": row.weight, "monthly_wage": row.wage,
                        "fpc": fpc,
                        "industry": (Double(row.wage) ?? 0) <= 30 ? "C" : "K",
                    ], id: index))
        }
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let outputs = temporaryFolder("design")
        var options = PipelineOptions(inputs: inputs.path, outputs: outputs.path, jobs: 1)
        options.disclosure = DisclosurePolicy(suppressBelow: 0, lowNBelow: 0)
        options.lonelyPSU = lonely
        _ = try Pipeline(options: options).run()
        return (
            try readCSV(outputs.appendingPathComponent("wages.csv")),
            try readCSV(outputs.appendingPathComponent("composition.csv"))
        )
    }

    func column(
        _ rows: [[String: String]], _ name: String, by: String = "all", domain: String = "all", indicator: String
    ) -> Double? {
        rows.first { $0["scope"] == "all" && $0["by"] == by && $0["domain"] == domain && $0["indicator"] == indicator }
            .flatMap { Double($0[name] ?? "") }
    }

    @Test func stratifiedMeanWithALonelyPSU() throws {
        let (wages, composition) = try run(Self.rows)
        // W = 15, Σwy = 600: mean 40. In units of 1/15, z = Y − 40·W per PSU: a1 −100, a2 −40;
        // b1 0, b2 10, b3 40; c1 90. A: 2·(30² + 30²) = 3600; B: 1.5·((50/3)² + (20/3)² + (70/3)²) = 1300;
        // C (lonely, adjust): 90² = 8100. Var = 13000/225.
        #expect(isClose(column(wages, "estimate", indicator: "mean_wage"), 40))
        #expect(isClose(column(wages, "se", indicator: "mean_wage"), (13000.0 / 225).squareRoot()))
        let se = (13000.0 / 225).squareRoot()
        #expect(isClose(column(wages, "ci_low", indicator: "mean_wage"), 40 - 1.959963984540054 * se))
        // Headcount 15; PSU weights a1 4, a2 4 | b1 1, b2 1, b3 2 | c1 3: A 0; B 1.5·(1/9 + 1/9 + 4/9) = 1; C 9.
        #expect(isClose(column(composition, "estimate", indicator: "headcount"), 15))
        #expect(isClose(column(composition, "se", indicator: "headcount"), 10.0.squareRoot()))
    }

    @Test func lonelyPSUPolicies() throws {
        // remove / certainty: stratum C contributes nothing: (3600 + 1300)/225.
        for policy in [LonelyPSUPolicy.remove, .certainty] {
            let (wages, _) = try run(Self.rows, lonely: policy)
            #expect(isClose(column(wages, "se", indicator: "mean_wage"), (4900.0 / 225).squareRoot()), "\(policy)")
        }
        // average: C left out, the rest scaled by 3 strata / 2 usable.
        let (wages, _) = try run(Self.rows, lonely: .average)
        #expect(isClose(column(wages, "se", indicator: "mean_wage"), (4900.0 / 225 * 1.5).squareRoot()))
        // Stratum C, the third of three in file order, is named by its place, never by its value.
        #expect(throws: DesignError(year: 2021, stratumNumber: 3, strata: 3)) { try run(Self.rows, lonely: .fail) }
        let message = DesignError(year: 2021, stratumNumber: 3, strata: 3).description
        #expect(message.contains("appears 3rd (of 3 strata") && !message.contains("\"C\""))
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 111].map(DesignError.ordinal) == [
            "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "111th",
        ])
    }

    @Test func domainAbsentFromStrata() throws {
        // Domain industry C = the three rows with wage ≤ 30, all in stratum A: W_d = 8, mean 180/8 = 22.5.
        // z: a1 (60 − 22.5·4)/8 = −3.75, a2 (120 − 90)/8 = 3.75; strata B and C all zero.
        // Var = 2·(3.75² + 3.75²) = 56.25: SE 7.5. The domain has 2 PSUs in 1 stratum: df 1.
        let (wages, composition) = try run(Self.rows)
        #expect(isClose(column(wages, "estimate", by: "industry", domain: "C", indicator: "mean_wage"), 22.5))
        #expect(isClose(column(wages, "se", by: "industry", domain: "C", indicator: "mean_wage"), 7.5))
        // Share of C: p = 8/15; z = (W_d − p·W)/15 per PSU: a1 (4 − 32/15)/15, a2 (4 − 32/15)/15 → A: 0;
        // b1 −(8/15)/15, b2 the same, b3 −(16/15)/15 → B: 1.5·((8/45)² + (8/45)² + (16/45)²)/225·… in exact terms below.
        let p = 8.0 / 15
        let b = [-p * 1, -p * 1, -p * 2].map { $0 / 15 }
        let bMean = b.reduce(0, +) / 3
        let varianceB = 1.5 * b.map { ($0 - bMean) * ($0 - bMean) }.reduce(0, +)
        let varianceC = (-p * 3 / 15) * (-p * 3 / 15)
        #expect(isClose(column(composition, "estimate", by: "industry", domain: "C", indicator: "share"), p))
        #expect(
            isClose(
                column(composition, "se", by: "industry", domain: "C", indicator: "share"),
                (varianceB + varianceC).squareRoot()))
    }

    @Test func averagedLonelyPSUsScaleByTheStrataADomainTouches() throws {
        // Under average, the strata of the estimate's rows over those with 2+ PSUs (R svyby).
        let (wages, composition) = try run(Self.rows, lonely: .average)
        // Domain industry C lies in stratum A alone (2 PSUs): 1 stratum / 1, no scaling: SE 7.5
        // as under adjust (before: 3 strata / 2 of the whole design, 7.5·√1.5).
        #expect(isClose(column(wages, "se", by: "industry", domain: "C", indicator: "mean_wage"), 7.5))
        // Domain K (wages 40–70: b1, b2, b3, c1) touches B and lonely C: B's part × 2/1.
        // W = 7, Σwy = 420: mean 60; z = (Y − 60·W)/7: b1 −20/7, b2 −10/7, b3 0 (c1 30/7, left out).
        // B: 1.5·((10/7)² + 0 + (10/7)²) = 300/49; × 2 strata / 1 usable = 600/49.
        let mean = 420.0 / 7
        let z = [40 - mean, 50 - mean, 120 - 2 * mean].map { $0 / 7 }
        let zMean = z.reduce(0, +) / 3
        let varianceB = 1.5 * z.map { ($0 - zMean) * ($0 - zMean) }.reduce(0, +)
        #expect(isClose(column(wages, "estimate", by: "industry", domain: "K", indicator: "mean_wage"), mean))
        #expect(
            isClose(
                column(wages, "se", by: "industry", domain: "K", indicator: "mean_wage"), (varianceB * 2).squareRoot()))
        #expect(isClose(varianceB * 2, 600.0 / 49))
        // The share of C is taken over the scope (all rows: A, B and C): B's part × 3/2, as for the whole.
        let p = 8.0 / 15
        let b = [-p * 1, -p * 1, -p * 2].map { $0 / 15 }
        let bMean = b.reduce(0, +) / 3
        let shareB = 1.5 * b.map { ($0 - bMean) * ($0 - bMean) }.reduce(0, +)
        #expect(
            isClose(
                column(composition, "se", by: "industry", domain: "C", indicator: "share"), (shareB * 1.5).squareRoot()))
    }

    @Test func equalWeightsReduceToTheTextbookFormula() throws {
        // One stratum, five single-row PSUs, weight 10: mean 3, s² = 2.5, SE = √(s²/n) = √0.5.
        let rows = (1...5).map { (stratum: "S", psu: "p\($0)", weight: "10", wage: String($0)) }
        let (wages, _) = try run(rows)
        #expect(isClose(column(wages, "se", indicator: "mean_wage"), 0.5.squareRoot()))
        // deff = V / (s²·(W − n)/(W·n)) = 0.5 / (2.5 · 45/250) = 1/0.9.
        #expect(isClose(column(wages, "deff", indicator: "mean_wage"), 1 / 0.9))
        // With fpc = 50 PSUs in the population: (1 − 5/50)·s²/n = 0.45.
        let (finite, _) = try run(rows, fpc: "50")
        #expect(isClose(column(finite, "se", indicator: "mean_wage"), 0.45.squareRoot()))
        // fpc given as a sampling fraction (0.1) means the same.
        let (fraction, _) = try run(rows, fpc: "0.1")
        #expect(isClose(column(fraction, "se", indicator: "mean_wage"), 0.45.squareRoot()))
    }
}

@Suite struct DistributionTests {
    @Test func quantilesMatchR() {
        // R: qnorm(0.975), qt(0.975, 3), qt(0.975, 30), qt(0.975, 1), qt(0.95, 10), qnorm(0.995), qt(0.025, 7)
        #expect(isClose(Distributions.normalQuantile(0.975), 1.9599639845400536, relative: 1e-14))
        #expect(isClose(Distributions.studentQuantile(0.975, df: 3), 3.1824463052837078, relative: 1e-12))
        #expect(isClose(Distributions.studentQuantile(0.975, df: 30), 2.0422724563012378, relative: 1e-12))
        #expect(isClose(Distributions.studentQuantile(0.975, df: 1), 12.706204736174694, relative: 1e-12))
        #expect(isClose(Distributions.studentQuantile(0.95, df: 10), 1.8124611228116756, relative: 1e-12))
        #expect(isClose(Distributions.normalQuantile(0.995), 2.5758293035488999, relative: 1e-14))
        #expect(isClose(Distributions.studentQuantile(0.025, df: 7), -2.3646242515927844, relative: 1e-12))
    }
}
