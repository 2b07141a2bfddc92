import Foundation
import Testing
import ZIPFoundation

@testable import WorkforceKit

/// Sections 3–9 of docs/indicators.md on small fixtures whose answers are worked out in the comments.
@Suite struct PolicyIndicatorTests {
    /// Runs the pipeline on `workers` rows (changes to the valid base row) plus other tables.
    func run(_ workers: [[String: String]], tables: [String: String] = [:], jobs: Int = 1) throws -> URL {
        var lines = [ValidationRuleTests.header]
        for (index, changes) in workers.enumerated() { lines.append(ValidationRuleTests.row(changes, id: index)) }
        var files = tables
        files["workers.csv"] = lines.joined(separator: "\n") + "\n"
        return try runPipeline(inputs: try makeInputs(files), jobs: jobs).outputs
    }

    func value(
        _ outputs: URL, _ report: String, year: String = "2021", scope: String = "all", by: String = "all",
        domain: String = "all", _ indicator: String, column: String = "estimate"
    ) throws -> Double? {
        try readCSV(outputs.appendingPathComponent(report)).first {
            $0["year"] == year && $0["scope"] == scope && $0["by"] == by && $0["domain"] == domain
                && $0["indicator"] == indicator
        }.flatMap { Double($0[column] ?? "") }
    }

    @Test func trainingAndCoverageRatesAndGaps() throws {
        // Weights 1, 1, 2, 4 (PSUs E1, E2, E3, E4). Trained: rows 0 and 3 → (1 + 4)/8 = 0.625.
        // Hours 10, 0, 0, 20 → mean (10 + 80)/8 = 11.25; among the trained (10 + 80)/5 = 18.
        // Subsidy 100 and 300 for the trained → (100 + 1200)/5 = 260 per trainee.
        // Housing fund: rows 0, 1 (regular, weights 1, 1) yes; rows 2, 3 (dispatch) no → dispatch gap 0 − 1 = −1.
        // Commute 30, 60, blank, blank → (30 + 60)/2 = 45 among the two who gave it.
        let outputs = try run([
            [
                "trained": "1", "training_hours": "10", "training_subsidy": "100", "weight": "1", "enterprise_id": "E1",
                "housing_fund": "1", "commute_minutes": "30",
            ],
            [
                "trained": "0", "training_hours": "0", "weight": "1", "enterprise_id": "E2", "housing_fund": "1",
                "commute_minutes": "60",
            ],
            [
                "trained": "0", "training_hours": "0", "weight": "2", "enterprise_id": "E3", "housing_fund": "0",
                "employment_type": "dispatch", "commute_minutes": "",
            ],
            [
                "trained": "1", "training_hours": "20", "training_subsidy": "300", "weight": "4", "enterprise_id": "E4",
                "housing_fund": "0", "employment_type": "dispatch", "commute_minutes": "",
            ],
        ])
        #expect(try value(outputs, "training.csv", "share_trained") == 0.625)
        #expect(try value(outputs, "training.csv", "mean_training_hours") == 11.25)
        #expect(try value(outputs, "training.csv", "mean_training_hours_trained") == 18)
        #expect(try value(outputs, "training.csv", "subsidy_per_trainee") == 260)
        #expect(try value(outputs, "coverage.csv", "housing_fund_rate") == 0.25)
        #expect(
            try value(outputs, "coverage.csv", by: "employment_type", domain: "dispatch", "housing_fund_rate_gap") == -1
        )
        #expect(try value(outputs, "coverage.csv", "mean_commute_minutes") == 45)
        #expect(try value(outputs, "coverage.csv", "mean_commute_minutes", column: "n") == 2)
        // Dispatch workers trained: (0·2 + 1·4)/6 = 2/3; regular 1/2: gap 1/6.
        #expect(
            isClose(
                try value(outputs, "training.csv", by: "employment_type", domain: "dispatch", "share_trained_gap"),
                1.0 / 6))
        // No enterprises.csv: every worker is in the "unknown" size band.
        #expect(try value(outputs, "training.csv", by: "enterprise_size", domain: "unknown", "share_trained") == 0.625)
    }

    @Test func equalPayRawAndAdjusted() throws {
        // Cell C/1: 10 regular at 100, 10 dispatch at 80. Cell G/2: 10 regular at 200, 10 dispatch at 150.
        // Cell I/3: 3 dispatch at 50 (too few rows: left out). All weights 1.
        // Raw: dispatch mean (800 + 1500 + 150)/23 = 106.52…; regular mean 3000/20 = 150 → 0.71014…
        // Adjusted: (800 + 1500) / (10·100 + 10·200) = 2300/3000 = 0.76667.
        var rows: [[String: String]] = []
        for i in 0..<10 {
            rows.append(["industry": "C", "skill_level": "1", "monthly_wage": "100", "enterprise_id": "E\(i % 3)"])
            rows.append([
                "industry": "C", "skill_level": "1", "monthly_wage": "80", "employment_type": "dispatch",
                "enterprise_id": "E\(i % 3)",
            ])
            rows.append(["industry": "G", "skill_level": "2", "monthly_wage": "200", "enterprise_id": "F\(i % 3)"])
            rows.append([
                "industry": "G", "skill_level": "2", "monthly_wage": "150", "employment_type": "dispatch",
                "enterprise_id": "F\(i % 3)",
            ])
        }
        for _ in 0..<3 {
            rows.append(["industry": "I", "skill_level": "3", "monthly_wage": "50", "employment_type": "dispatch"])
        }
        let outputs = try run(rows)
        let dispatch = { (indicator: String) in
            try value(outputs, "equal_pay.csv", by: "employment_type", domain: "dispatch", indicator)
        }
        #expect(isClose(try dispatch("raw_pay_ratio"), (2450.0 / 23) / 150))
        #expect(isClose(try dispatch("adjusted_pay_ratio"), 2300.0 / 3000))
        #expect(try dispatch("cells_used") == 2)
        #expect(try dispatch("cells_left_out") == 1)
        #expect(isClose(try dispatch("weight_share_left_out"), 3.0 / 23))
    }

    static let economy = """
        year,gdp,gdp_real_growth,cpi,avg_wage,min_wage
        2019,100,6,102,900,500
        2020,105,5,110,950,500
        2021,110,5,100,1000,500

        """

    @Test func wageGrowthAgainstTheEconomyOverNonConsecutiveWaves() throws {
        // Waves 2019 and 2021 (two years apart), one wage each year: 1000 → 1210.
        // Nominal 0.21, annualised √1.21 − 1 = 0.1. CPI over 2020–2021: 1.10 × 1.00 = 1.1:
        // real total 1.21/1.1 − 1 = 0.1, annualised √1.1 − 1. GDP: 1.05² = 1.1025, annualised 0.05.
        // Gap (√1.1 − 1 − 0.05)·100 = −0.119 pp; in step with the 0.5 pp tolerance.
        var rows: [[String: String]] = []
        for i in 0..<4 {
            rows.append(["year": "2019", "monthly_wage": "1000", "enterprise_id": "E\(i)"])
            rows.append(["year": "2021", "monthly_wage": "1210", "enterprise_id": "E\(i)"])
        }
        let outputs = try run(rows, tables: ["economy.csv": Self.economy])
        let growth = { (indicator: String) in try value(outputs, "wage_vs_economy.csv", indicator) }
        let table = try readCSV(outputs.appendingPathComponent("wage_vs_economy.csv"))
        #expect(table.first?["base_year"] == "2019")
        #expect(isClose(try growth("nominal_mean_growth"), 0.21))
        #expect(isClose(try growth("nominal_mean_growth_annual"), 0.1))
        #expect(isClose(try growth("real_mean_growth_annual"), 1.1.squareRoot() - 1))
        #expect(isClose(try growth("real_gdp_growth_annual"), 0.05))
        #expect(isClose(try growth("real_wage_gdp_gap_pp"), (1.1.squareRoot() - 1 - 0.05) * 100))
        #expect(try growth("in_step") == 1)
        // No variation within a wave: the SE of the log growth is 0 and the growth is significant.
        #expect(try growth("significant") == 1)
        #expect(isClose(try growth("log_mean_growth"), log(1.21)))
    }

    /// The text of the workbook's README sheet (the first sheet) of a run's outputs.
    func readmeSheet(_ outputs: URL) throws -> String {
        let archive = try Archive(url: outputs.appendingPathComponent("workforce.xlsx"), accessMode: .read)
        guard let entry = archive["xl/worksheets/sheet1.xml"] else { return "" }
        var bytes = Data()
        _ = try archive.extract(entry) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `value` cell of the README row whose `item` is `item` (the text of the next inline string).
    func readmeValue(_ sheet: String, _ item: String) -> String? {
        guard let itemRange = sheet.range(of: ">\(item)</t>") else { return nil }
        let rest = sheet[itemRange.upperBound...]
        guard let open = rest.range(of: "<t"), let start = rest[open.upperBound...].range(of: ">"),
            let end = rest[start.upperBound...].range(of: "</t>")
        else { return nil }
        return String(rest[start.upperBound..<end.lowerBound])
    }

    @Test func stepVerdictFromAnInterval() {
        // Tolerance 0.5: in step from a lower end of −0.5 up; not in step only below −0.5 with the upper end.
        #expect(StepVerdict.judge(lower: -0.5, upper: 3, tolerance: 0.5) == .inStep)
        #expect(StepVerdict.judge(lower: -0.51, upper: 3, tolerance: 0.5) == .notEstablished)
        #expect(StepVerdict.judge(lower: -4, upper: -0.5, tolerance: 0.5) == .notEstablished)
        #expect(StepVerdict.judge(lower: -4, upper: -0.51, tolerance: 0.5) == .notInStep)
        #expect(StepVerdict.judge(lower: nil, upper: nil, tolerance: 0.5) == .notEstablished)
        #expect(StepVerdict.judge(lower: .nan, upper: 1, tolerance: 0.5) == .notEstablished)
        #expect(StepVerdict(code: -1) == .notInStep && StepVerdict(code: 0.5) == nil)
    }

    @Test func inStepIsJudgedOnTheIntervalOfTheGap() throws {
        // Waves 2020 and 2021, four workers each, every one in a PSU of its own (one stratum a wave,
        // no PSU in both, so the waves are independent samples; equal weights): wages 1090, 1090,
        // 1110, 1110 (mean 1100) and 1190, 1190, 1210, 1210 (mean 1200).
        // SE of each mean s/√n = √(400/3)/2 = 5.7735; ln(1200/1100) = 0.0870114 with SE
        // √((5.7735/1200)² + (5.7735/1100)²) = 0.0071201, 95 % interval 0.0730562 … 0.1009666.
        // CPI 100: real growth 1/11 = 9.0909 % a year, interval e^0.0730562 − 1 = 7.5791 % … 10.6240 %;
        // SE of the gap (1 + 1/11) · 0.0071201 · 100 = 0.776742 pp (scripts/in_step_worked_example.py).
        // GDP +5 %: gap +4.0909 pp, interval +2.5791 … +5.6240, wholly above −0.5: in step (1).
        // GDP +9 %: gap +0.0909 pp, interval −1.4209 … +1.6240, on both sides of −0.5: not established
        // (0) — the point alone (9.09 % ≥ 9 % − 0.5 pp) said in step.
        // GDP +12 %: gap −2.9091 pp, interval −4.4209 … −1.3760, wholly below −0.5: not in step (−1).
        var rows: [[String: String]] = []
        for (i, offset) in [-10, -10, 10, 10].enumerated() {
            for (year, mean) in [(2020, 1100), (2021, 1200)] {
                rows.append([
                    "year": "\(year)", "monthly_wage": "\(mean + offset)", "enterprise_id": "E\(i)",
                    "stratum": "S\(year)", "psu": "P\(year)-\(i)",
                ])
            }
        }
        let cases: [(gdp: Int, gap: Double, low: Double, high: Double, verdict: StepVerdict)] = [
            (5, 4.090909090909083, 2.5790955934876165, 5.623968166185382, .inStep),
            (9, 0.09090909090908317, -1.4209044065123826, 1.6239681661853829, .notEstablished),
            (12, -2.9090909090909167, -4.420904406512383, -1.3760318338146171, .notInStep),
        ]
        for (gdp, gap, low, high, verdict) in cases {
            let economy =
                "year,gdp,gdp_real_growth,cpi,avg_wage,min_wage\n2020,100,2,100,900,500\n2021,105,\(gdp),100,1000,500\n"
            let outputs = try run(rows, tables: ["economy.csv": economy])
            let growth = { (indicator: String, column: String) in
                try value(outputs, "wage_vs_economy.csv", indicator, column: column)
            }
            #expect(isClose(try growth("real_wage_gdp_gap_pp", "estimate"), gap, relative: 1e-9), "GDP \(gdp)")
            #expect(isClose(try growth("real_wage_gdp_gap_pp", "se"), 0.7767422688634537, relative: 1e-9))
            #expect(isClose(try growth("real_wage_gdp_gap_pp", "ci_low"), low, relative: 1e-9), "GDP \(gdp)")
            #expect(isClose(try growth("real_wage_gdp_gap_pp", "ci_high"), high, relative: 1e-9), "GDP \(gdp)")
            #expect(try growth("in_step", "estimate") == Double(verdict.rawValue), "GDP \(gdp)")
            let table = try readCSV(outputs.appendingPathComponent("wage_vs_economy.csv"))
            let inStep = table.first { $0["indicator"] == "in_step" && $0["by"] == "all" && $0["scope"] == "all" }
            #expect(inStep?["unit_en"] == "1 = in step, 0 = not established, -1 = not in step")
            #expect(inStep?["unit_zh"] == "1 = 同步，0 = 尚不能确定，-1 = 未同步")
            // The summary's headline (in the run's language, English here) and the workbook's README
            // sheet (both languages) state the verdict.
            let html = try String(contentsOf: outputs.appendingPathComponent("summary.html"), encoding: .utf8)
            let card = "data-value=\"\(verdict.rawValue)\">\(verdict.english)</div>"
            #expect(html.contains(card), "GDP \(gdp): \(card)")
            let readme = try readmeSheet(outputs)
            #expect(
                readmeValue(readme, "in step 2020→2021, all workers") == "\(verdict.english) / \(verdict.chinese)",
                "GDP \(gdp)")
            for other in StepVerdict.allCases where other != verdict {
                #expect(!html.contains("\(other.chinese) \(other.english)</div>"), "GDP \(gdp)")
            }
        }
    }

    @Test func singleWaveAndMissingEconomyYear() throws {
        let single = try run([["enterprise_id": "E1"], ["enterprise_id": "E2"]], tables: ["economy.csv": Self.economy])
        #expect(try readCSV(single.appendingPathComponent("wage_vs_economy.csv")).isEmpty)
        // Waves 2021 and 2022 with no economy row for 2022: nominal growth only.
        let outputs = try run(
            [["year": "2021"], ["year": "2022", "monthly_wage": "8800"]], tables: ["economy.csv": Self.economy])
        #expect(isClose(try value(outputs, "wage_vs_economy.csv", year: "2022", "nominal_mean_growth"), 0.1))
        #expect(try value(outputs, "wage_vs_economy.csv", year: "2022", "real_mean_growth") == nil)
        #expect(try value(outputs, "wage_vs_economy.csv", year: "2022", "in_step") == nil)
    }

    @Test func skillStructureFit() throws {
        // Industry C: weights 1 at level 0, 1 at level 1, 2 at level 3 (total 4): supply 0.25, 0.25, 0, 0.5, 0, 0.
        // Demand for C: levels 1 and 3, 2 each → 0, 0.5, 0, 0.5, 0, 0. D = ½(0.25 + 0.25) = 0.25.
        // Supply − demand in heads: level 0 +1, level 1 −1, level 3 0 → largest shortage at level 1.
        // High-skill share: certified (levels 1–5) weight 3, of which level 3+ weight 2 → 2/3; of all 2/4.
        // Industry G has workers but no demand row: supply only.
        let outputs = try run(
            [
                ["industry": "C", "skill_level": "0", "weight": "1", "monthly_wage": "100"],
                ["industry": "C", "skill_level": "1", "weight": "1", "monthly_wage": "150"],
                ["industry": "C", "skill_level": "3", "weight": "2", "monthly_wage": "300", "enterprise_id": "E2"],
                ["industry": "G", "skill_level": "2", "weight": "1"],
            ], tables: ["skill_demand.csv": "year,industry,skill_level,demand\n2021,C,1,2\n2021,C,3,2\n"])
        let fit = { (indicator: String) in try value(outputs, "skill_fit.csv", by: "industry", domain: "C", indicator) }
        #expect(try fit("supply_share_level_0") == 0.25)
        #expect(try fit("supply_share_level_3") == 0.5)
        #expect(try fit("demand_share_level_1") == 0.5)
        #expect(try fit("dissimilarity_index") == 0.25)
        #expect(try fit("supply_minus_demand_level_0") == 1)
        #expect(try fit("supply_minus_demand_level_1") == -1)
        #expect(try fit("largest_shortage_level") == 1)
        #expect(isClose(try fit("high_skill_share_certified"), 2.0 / 3))
        #expect(try fit("high_skill_share_all") == 0.5)
        // Wage ladder: level 3 earns 300 against 150 at level 1.
        #expect(try fit("wage_ladder_level_3") == 2)
        #expect(try value(outputs, "skill_fit.csv", by: "industry", domain: "G", "dissimilarity_index") == nil)
        #expect(try value(outputs, "skill_fit.csv", by: "industry", domain: "G", "supply_share_level_2") == 1)
    }

    @Test func enterprisesAndOrganisations() throws {
        // Four enterprises, weight 1: E1 private 60 staff + 10 dispatched, union, party member;
        // E2 private 120 + 0, no union, party organisation; E3 state 40 + 20, union;
        // E4 foreign 200 + 10, no party member.
        let enterprises = """
            year,enterprise_id,ownership,employees,dispatch_workers,has_union,has_party_org,party_members,has_worker_congress,value_added,training_spend,chief_technician_posts
            2021,E1,private,60,10,1,0,3,1,600,6,1
            2021,E2,private,120,0,0,1,5,0,1200,12,0
            2021,E3,state,40,20,1,1,8,1,400,4,0
            2021,E4,foreign,200,10,0,0,0,0,2000,20,2

            """
        let outputs = try run([["enterprise_id": "E1"]], tables: ["enterprises.csv": enterprises])
        let firms = { (indicator: String) in try value(outputs, "enterprises.csv", indicator) }
        #expect(try firms("union_share") == 0.5)
        // Non-public with ≥ 50 employees: E1, E2, E4; with a party member: E1, E2 → 2/3.
        #expect(isClose(try firms("party_member_presence_share"), 2.0 / 3))
        // Non-public with ≥ 100: E2, E4; with a party organisation: E2 → 1/2.
        #expect(try firms("party_org_share") == 0.5)
        // Dispatch: 40 / (420 + 40) = 0.0870; above 10 %: E1 (10/70) and E3 (20/60) → 2 of 4.
        #expect(isClose(try firms("dispatch_share"), 40.0 / 460))
        #expect(try firms("over_dispatch_cap_count") == 2)
        #expect(try firms("over_dispatch_cap_share") == 0.5)
        #expect(try firms("value_added_per_employee") == 10)
        #expect(isClose(try firms("chief_technician_posts_per_1000"), 3000.0 / 420))
        // Worker E1 is in the 50–99 band.
        #expect(try value(outputs, "training.csv", by: "enterprise_size", domain: "50-99", "share_trained") == 1)
    }

    @Test func targetsAreJudgedAtTheirDueYear() throws {
        // Administrative counts (programs.csv), the data reaching 2021:
        // bases ≥ 100 by 2020: 104 in 2020 → met on time (progress 1.04; 1.18 in 2021).
        // studios ≥ 200 by 2020: 186 in 2020, 210 in 2021 → met late (2021); progress 0.93 at the due year.
        // labs ≤ 5 by 2021: 4 in 2020 (before it was due), 7 in 2021 → missed.
        // centres ≥ 100 by 2025: 60 in 2021 → not yet due.
        // teachers ≥ 50 by 2020: nothing measures it → no data.
        // gauges ≥ 10 by 2020: 12 in 2019 only, although the data reach 2021 → no data (at its due year).
        // None has an SE: beyond_sampling_error is empty.
        let targets = """
            indicator,target,comparator,due_year,clause
            bases,100,>=,2020,（十）
            studios,200,>=,2020,（十四）
            labs,5,<=,2021,（十）
            centres,100,>=,2025,（十）
            teachers,50,>=,2020,（十）
            gauges,10,>=,2020,（十）

            """
        let programs = """
            year,program,value
            2020,bases,104
            2021,bases,118
            2020,studios,186
            2021,studios,210
            2020,labs,4
            2021,labs,7
            2021,centres,60
            2019,gauges,12

            """
        let outputs = try run([[:]], tables: ["targets.csv": targets, "programs.csv": programs])
        let rows = try readCSV(outputs.appendingPathComponent("targets.csv"))
        #expect(
            rows.map { $0["status"] ?? "" } == [
                "met on time", "met late", "missed", "not yet due", "no data", "no data",
            ])
        #expect(rows.map { $0["status_zh"] ?? "" } == ["按期完成", "逾期完成（2021年）", "未完成", "未到期", "无数据", "无数据"])
        #expect(rows.map { $0["met_year"] ?? "" } == ["2020", "2021", "", "", "", ""])
        #expect(rows.map { $0["actual_due"] ?? "" } == ["104", "186", "7", "", "", ""])
        #expect(rows.map { $0["progress_due"] ?? "" } == ["1.04", "0.93", "1.4", "", "", ""])
        #expect(rows.map { $0["actual"] ?? "" } == ["118", "210", "7", "60", "", "12"])
        #expect(rows.map { $0["actual_year"] ?? "" } == ["2021", "2021", "2021", "2021", "", "2019"])
        #expect(rows.map { $0["progress"] ?? "" } == ["1.18", "1.05", "1.4", "0.6", "", "1.2"])
        #expect(rows.allSatisfy { $0["beyond_sampling_error"] == "" && $0["se_due"] == "" })
        let html = try String(contentsOf: outputs.appendingPathComponent("summary.html"), encoding: .utf8)
        #expect(html.contains(#"data-value="1">1 / 6</div>"#))
        // English, the run's language: the Chinese breakdown is on a --lang zh page.
        #expect(!html.contains("逾期完成 1 · 未完成 1 · 未到期 1 · 无数据 2"))
        #expect(html.contains("met late 1 · missed 1 · not yet due 1 · no data 2"))
        let readme = try readmeSheet(outputs)
        #expect(readmeValue(readme, "targets met on time") == "1 of 6 / 6 项中按期完成 1 项")
        #expect(readmeValue(readme, "target studios (due 2020)") == "met late (2021) / 逾期完成（2021年）")
        #expect(readmeValue(readme, "target bases (due 2020)") == "met on time / 按期完成")
        #expect(readmeValue(readme, "target labs (due 2021)") == "missed / 未完成")
        #expect(readmeValue(readme, "target centres (due 2025)") == "not yet due / 未到期")
        #expect(readmeValue(readme, "target teachers (due 2020)") == "no data / 无数据")
    }

    @Test func surveyTargetsAreJudgedBeyondSamplingError() throws {
        // Targets on a survey estimate, the high-skill share (levels 3–5 of certified workers, all
        // certified here, so high_skill_share_all is the same share). Twenty workers a wave, each in
        // a PSU of its own, one stratum, equal weights: the SE of a share p is √(p(1 − p)/(n − 1))
        // = s/√n. 2020: 10 of 20 at level 3, p = 0.5, SE √(0.25/19) = 0.114708, 95 % interval
        // 0.5 ± 1.959964 · 0.114708 = 0.275179 … 0.724821. 2021: 14 of 20, p = 0.7,
        // SE √(0.21/19) = 0.105131, interval 0.493948 … 0.906052.
        // high_skill_share_certified ≥ 0.25 by 2020: met on time, and beyond sampling error (0.275 ≥ 0.25).
        // high_skill_share_certified ≥ 0.95 by 2021: missed, beyond sampling error (0.906 < 0.95).
        // high_skill_share_all ≥ 0.6 by 2020: 0.5 in 2020, 0.7 in 2021 → met late (2021); at 2020 the
        // interval 0.275 … 0.725 reaches both sides of 0.6: not established.
        var workers: [[String: String]] = []
        for i in 0..<20 {
            workers.append(["year": "2020", "skill_level": i < 10 ? "3" : "2", "enterprise_id": "E\(i)"])
            workers.append(["year": "2021", "skill_level": i < 14 ? "3" : "2", "enterprise_id": "E\(i)"])
        }
        let targets = """
            indicator,target,comparator,due_year,clause
            high_skill_share_certified,0.25,>=,2020,（十四）
            high_skill_share_certified,0.95,>=,2021,（十四）
            high_skill_share_all,0.6,>=,2020,（十四）

            """
        let outputs = try run(workers, tables: ["targets.csv": targets])
        let rows = try readCSV(outputs.appendingPathComponent("targets.csv"))
        #expect(rows.map { $0["status"] ?? "" } == ["met on time", "missed", "met late"])
        #expect(rows.map { $0["beyond_sampling_error"] ?? "" } == ["met", "missed", "not established"])
        #expect(rows.map { $0["met_year"] ?? "" } == ["2020", "", "2021"])
        let se2020 = (0.25 / 19).squareRoot(), se2021 = (0.21 / 19).squareRoot()
        let z = 1.959963984540054
        #expect(isClose(Double(rows[0]["se_due"] ?? ""), se2020, relative: 1e-9))
        #expect(isClose(Double(rows[0]["ci_low_due"] ?? ""), 0.5 - z * se2020, relative: 1e-9))
        #expect(isClose(Double(rows[1]["ci_high_due"] ?? ""), 0.7 + z * se2021, relative: 1e-9))
        #expect(isClose(Double(rows[0]["progress_due"] ?? ""), 2))
        #expect(isClose(Double(rows[2]["progress"] ?? ""), 0.7 / 0.6))
        #expect(rows[2]["label_zh"] == "高技能人才占全部职工比例" && rows[2]["unit_en"] == "fraction (0.05 = 5 %)")
        let readme = try readmeSheet(outputs)
        let detail =
            "progress 83 % in 2020 / 2020年完成进度 83 %; 117 % in 2021 / 2021年 117 %; "
            + "within sampling error / 在抽样误差范围内，尚不能确定"
        #expect(readme.contains(detail))
    }

    @Test func defaultTargetsWithoutTargetsFile() throws {
        let outputs = try run([[:]])
        let rows = try readCSV(outputs.appendingPathComponent("targets.csv"))
        #expect(rows.map { $0["indicator"] ?? "" } == TargetRecord.policyDefaults.map(\.indicator))
        #expect(rows.allSatisfy { $0["status"] == "no data" })
    }
}
