import Foundation
import Testing
import WorkforceSample

@testable import WorkforceKit

/// The survey plan: its file form, its checks, and how a run follows it.
@Suite struct SurveyPlanTests {
    @Test func theWrittenDefaultPlanIsTheBuiltInPlan() throws {
        let plan = try PlanFile(text: SurveyPlan.defaultText, name: "plan.toml").plan()
        #expect(plan == SurveyPlan())
        #expect(plan.changesFromBuiltIn.isEmpty)
        // The built-in values, written out here from docs/plan.md.
        #expect(plan.industrialScope == Set([1, 2, 3, 4, 6, 8].map(UInt8.init)))
        #expect((plan.suppressBelow, plan.lowNBelow) == (10, 30))
        #expect(plan.confidenceLevel == 0.95 && plan.inStepTolerance == 0.005 && plan.lonelyPSU == .adjust)
        // An empty plan keeps every default.
        #expect(try PlanFile(text: "# nothing changed\n", name: "plan.toml").plan() == SurveyPlan())
    }

    @Test func aPlanChangesOnlyWhatItNames() throws {
        let text = "[scope]\nindustrial = [\"c\", \"B\"]\n\n[thresholds]\nconfidence_level = 0.9\nlow_n_below = 50\n"
        let plan = try PlanFile(text: text, name: "plan.toml").plan()
        #expect(plan.industrialScope == [1, 2])
        #expect(plan.confidenceLevel == 0.9 && plan.lowNBelow == 50 && plan.suppressBelow == 10)
        #expect(
            plan.changesFromBuiltIn == [
                "scope.industrial = [\"B\", \"C\"]", "thresholds.low_n_below = 50", "thresholds.confidence_level = 0.9",
            ])
    }

    /// (plan text, line, words the message must hold)
    static let badPlans: [(String, Int?, String)] = [
        (
            "[thresholds]\nsupress_below = 5\n", 2,
            "thresholds.supress_below is not a key of [thresholds]; did you mean suppress_below?"
        ),
        (
            "[threshold]\nsuppress_below = 5\n", 1,
            "`threshold` is not a section of the plan; did you mean [thresholds]?"
        ),
        ("[output]\nformat = 1\n", 1, "`output` is not a section of the plan; the sections are [scope], [thresholds]"),
        (
            "confidence_level = 0.9\n", 1,
            "`confidence_level` stands outside any section; move it below the line [thresholds]"
        ),
        ("[thresholds]\nsuppress_below = \"5\"\n", 2, "thresholds.suppress_below must be a whole number"),
        ("[thresholds]\nsuppress_below = 5.5\n", 2, "thresholds.suppress_below must be a whole number"),
        ("[thresholds]\nsuppress_below = -1\n", 2, "thresholds.suppress_below = -1 is outside 0–1000000"),
        (
            "# a comment\n[thresholds]\nsuppress_below = 5\nlow_n_below = 3\n", 4,
            "low_n_below (3) is below suppress_below (5)"
        ),
        ("[thresholds]\nconfidence_level = 1.5\n", 2, "thresholds.confidence_level = 1.5 is outside 0.01–0.999999"),
        ("[thresholds]\nconfidence_level = \"95%\"\n", 2, "thresholds.confidence_level must be a number"),
        (
            "[thresholds]\nlonely_psu = \"drop\"\n", 2,
            "thresholds.lonely_psu = \"drop\" is not known; one of \"adjust\", \"remove\""
        ),
        ("[thresholds]\nlonely_psu = adjust\n", 2, "not valid TOML"),
        ("[thresholds]\nin_step_tolerance = 0.6\n", 2, "thresholds.in_step_tolerance = 0.6 is outside 0.0–0.5"),
        ("[scope]\nindustrial = \"C\"\n", 2, "scope.industrial must be a list"),
        ("[scope]\nindustrial = [\"C\", \"Z\"]\n", 2, "scope.industrial holds \"Z\", not a section letter"),
        ("[scope]\nindustrial = [\"C\", \"c\"]\n", 2, "scope.industrial lists \"C\" twice"),
        ("[scope]\nindustrial = []\n", 2, "scope.industrial is empty"),
        ("[thresholds]\nconfidence_level = 0.9\nconfidence_level = 0.8\n", 3, "cannot redefine"),
        ("[scope\nindustrial = [\"C\"]\n", 1, "not valid TOML"),
        (
            "[thresholds]\nlow_pay_fraction = \"2/0\"\n", 2,
            "thresholds.low_pay_fraction is not a fraction of the median"
        ),
        (
            "[thresholds]\nlow_pay_fraction = \"3/2\"\n", 2,
            "thresholds.low_pay_fraction is not a fraction of the median"
        ),
        ("[thresholds]\nlow_pay_fraction = 1.5\n", 2, "thresholds.low_pay_fraction = 1.5 is not above 0 and at most 1"),
        ("[thresholds]\ndispatch_cap = 0\n", 2, "thresholds.dispatch_cap = 0.0 is outside 0.001–1.0"),
        (
            "[indicator_labels]\nmean_wage = { en = \"Average wage\" }\n", 2,
            "indicator_labels.mean_wage lacks its Chinese name (zh)"
        ),
        (
            "[indicator_labels]\nmean_wage = { zh = \"平均工资\" }\n", 2,
            "indicator_labels.mean_wage lacks its English name (en)"
        ),
        ("[indicator_labels]\nmean_wage = \"Average wage\"\n", 2, "indicator_labels.mean_wage must give both names"),
        (
            "[indicator_labels]\nmean_wage = { en = \"A\", zh = \"B\", fr = \"C\" }\n", 2,
            "has `fr`, which is not en or zh"
        ),
        (
            "[indicator_labels]\nmean_wag = { en = \"A\", zh = \"B\" }\n", 2,
            "no report publishes an indicator `mean_wag`; did you mean mean_wage?"
        ),
        (
            "[domain_labels.districts]\n\"浦东新区\" = { en = \"Pudong\", zh = \"浦东\" }\n", 1,
            "`districts` is not a breakdown; did you mean district?"
        ),
        (
            "[domain_labels.district]\n\"浦东\" = { en = \"Pudong\", zh = \"浦东\" }\n", 2,
            "domain_labels.district.浦东 is not a code of district"
        ),
        ("[domain_labels.sex]\nM = { en = \"Men\" }\n", 2, "domain_labels.sex.M lacks its Chinese name (zh)"),
        ("[column_aliases.worker]\nage = [\"岁数\"]\n", 1, "`worker` is not an input table; did you mean workers?"),
        ("[column_aliases.workers]\nwage = [\"工资总额\"]\n", 2, "column_aliases.workers.wage is not a column of workers"),
        (
            "[column_aliases.workers]\nage = [\"月工资\"]\n", 2,
            "gives \"月工资\", which already names the column monthly_wage"
        ),
        ("[column_aliases.workers]\nage = []\n", 2, "column_aliases.workers.age is empty"),
        ("[column_aliases.workers]\nage = \"岁数\"\n", 2, "column_aliases.workers.age must be a list"),
        ("[wages]\nquantiles = [0.1, 0.9, 0.5]\n", 2, "wages.quantiles lists 0.5 after 0.9: not ascending"),
        ("[wages]\nquantiles = [0.1, 0.5, 0.955, 0.9]\n", 2, "wages.quantiles holds 0.955, not a whole percent"),
        ("[wages]\nquantiles = [0.25, 0.5, 0.9]\n", 2, "wages.quantiles lacks 0.1"),
        ("[wages]\nquantile = [0.1, 0.5, 0.9]\n", 2, "wages.quantile is not a key of [wages]; did you mean quantiles?"),
        ("[breakdowns]\nadd = [\"title x gender\"]\n", 2, "`gender` is not a column it can break down by"),
        ("[breakdowns]\nadd = [\"title x title\"]\n", 2, "names title twice"),
        ("[breakdowns]\nadd = [\"sex\"]\n", 2, "holds \"sex\", which is built in"),
        ("[breakdowns]\nadd = [\"industry x district x age_band\"]\n", 2, "makes 1700 domains, more than 1000"),
        ("[breakdowns]\nadd = [\"title x sex x hukou x migrant\"]\n", 2, "a cross of more than three columns"),
        ("[breakdowns]\nadd = [\"title x sex\", \"title_x_sex\"]\n", 2, "lists \"title_x_sex\" twice"),
        (
            "[rates.long_commute]\nen = \"A\"\nzh = \"B\"\nwhen = \"commute > 60\"\n", 4,
            "rates.long_commute.when = \"commute > 60\" is not a condition a rate can count"
        ),
        (
            // A number compared with a code in quotes (`= 60` is a condition in words, docs/plan.md).
            "[rates.long_commute]\nen = \"A\"\nzh = \"B\"\nwhen = \"commute_minutes = 'sixty'\"\n", 4,
            "is not a condition a rate can count: `commute_minutes` is a number, compared with a number"
        ),
        (
            "[rates.long_commute]\nen = \"A\"\nwhen = \"commute_minutes > 60\"\n", 1,
            "rates.long_commute lacks its Chinese name (zh)"
        ),
        (
            "[rates.mean_wage]\nen = \"A\"\nzh = \"B\"\nwhen = \"trained\"\n", 1,
            "rates.mean_wage is the code of a built-in indicator"
        ),
        ("[rates.Long]\nen = \"A\"\nzh = \"B\"\nwhen = \"trained\"\n", 1, "rates.Long is not a code"),
        (
            "[rates.long_commute]\nen = \"A\"\nzh = \"B\"\nwhen = \"trained\"\nwhere = \"x\"\n", 5,
            "rates.long_commute.where is not a key of a rate; did you mean when?"
        ),
        // Issue 23 item 24c: a threshold is a plain decimal, as a cell's number (Swift's Double("0x10") is 16).
        (
            "[rates.high_pay]\nen = \"A\"\nzh = \"B\"\nwhen = \"monthly_wage > 0x10\"\n", 4,
            "rates.high_pay.when = \"monthly_wage > 0x10\" is not a condition a rate can count"
        ),
        ("[scopes.older]\nwhen = \"age >= 4_5\"\n", 2, "scopes.older.when = \"age >= 4_5\" is not a condition"),
        ("[scopes.older]\nwhen = \"age >= inf\"\n", 2, "scopes.older.when = \"age >= inf\" is not a condition"),
        // Issue 23 item 5: a NUL (and any control character but tab, LF and CR LF) is refused where it stands.
        (
            "[thresholds]\nconfidence_level = 0.9\n\0\n[scope]\nindustrial = [\"C\"]\n", 3,
            "plan.toml line 3: column 1 holds a control character (U+0000); a plan is text: remove it"
        ),
        ("[thresholds]\nconfidence_level = 0.9 # \u{1B}[2J\n", 2, "column 26 holds a control character (U+001B)"),
        ("[thresholds]\nlonely_psu = \"adjust\u{7F}\"\n", 2, "column 21 holds a control character (U+007F)"),
        (
            "[thresholds]\rconfidence_level = 0.9\n", 1,
            "column 13 holds a control character (U+000D, a carriage return alone)"
        ),
        ("[thresholds]\r\nsupress_below = 5\r\n", 2, "thresholds.supress_below is not a key of [thresholds]"),
        // Issue 23 item 10a: what toml++ would assert on is refused first, with its line and column.
        ("[[[ not a plan", 1, "plan.toml line 1: not valid TOML (column 3: expected a key, found '[')"),
        ("[thresholds]\n[ [scope]]\n", 2, "not valid TOML (column 3: expected a key, found '[')"),
        ("[=]\n", 1, "not valid TOML (column 2: expected a key, found '=')"),
        ("[thresholds]\nconfidence_level. = 0.9\n", 2, "not valid TOML (column 19: expected a key, found '=')"),
        ("[indicator_labels]\nmean_wage = { = \"A\" }\n", 2, "not valid TOML (column 15: expected a key, found '=')"),
        (
            "[indicator_labels]\nmean_wage = { en = \"A\", }\n", 2,
            "not valid TOML (column 25: expected a key, found '}')"
        ),
        ("[scope]\nindustrial = [\"C\",,]\n", 2, "not valid TOML (column 19: expected a value, found ',')"),
        (
            "[scope]\nindustrial = [\"C\"\n", 3,
            "not valid TOML (column 1: expected ',' or ']' in a list, found the end of the file)"
        ),
        ("[scope]\nindustrial = [\"C]\n", 2, "not valid TOML (column 18: a line break inside a string on one line)"),
        ("[scope]\nindustrial = \"\"\"C\n", 2, "not valid TOML (column 14: a string that is never closed)"),
        (
            "[thresholds]\nconfidence_level = 0.9 0.8\n", 2,
            "not valid TOML (column 24: expected the end of the line, found '0')"
        ),
        ("[thresholds]\nconfidence_level = \u{3000}0.9\n", 2, "expected a value, found '\u{3000}' (U+3000)"),
        ("[thresholds]\nconfidence_level = [[[[[[[[[0]]]]]]]]]\n", 2, "nests lists or inline tables more than 8 deep"),
        // Issue 23 item 10: keys are bounded before toml++ (which recurses once per part) reads them.
        (
            "[" + Array(repeating: "a", count: 17).joined(separator: ".") + "]\n", 1,
            "the key at column 2 has more than 16 parts"
        ),
        (String(repeating: "k", count: 129) + " = 1\n", 1, "the key at column 1 is longer than 128 bytes"),
        ("[\"" + String(repeating: "键", count: 43) + "\"]\n", 1, "the key at column 2 is longer than 128 bytes"),
    ]

    /// What TOML allows stays allowed: tabs, CR LF line ends, comments, strings of every kind,
    /// a dotted key of 16 parts, a key of 128 bytes, a date and time joined by a space (toml++ then
    /// says what the plan makes of them).
    @Test func theSyntaxCheckAllowsWhatTOMLAllows() throws {
        let text =
            "# plan\r\n[thresholds]\t# tab\r\n\tconfidence_level\t=\t0.9\r\n"
            + "[indicator_labels]\nmean_wage = { en = 'A \"quoted\"', zh = \"\"\"\n多行\\\n  \"\"\"\" }\n"
            + "[scope]\nindustrial = [\n  \"C\", # manufacturing\n  \"B\",\n]\n"
        let plan = try PlanFile(text: text, name: "plan.toml").plan()
        #expect(plan.confidenceLevel == 0.9 && plan.industrialScope == [1, 2])
        #expect(plan.indicatorLabels["mean_wage"] == IndicatorLabel(english: "A \"quoted\"", chinese: "多行\""))
        try PlanSyntax.check("[" + Array(repeating: "a", count: 16).joined(separator: ".") + "]\n")
        try PlanSyntax.check(String(repeating: "k", count: 128) + " = 1\nd = 1979-05-27 07:32:00Z\n")
        try PlanSyntax.check("a = [[[[[[[[0]]]]]]]]\nb = \"\"\"x\"\"\"\"\"\nc = '''y'''\n")
    }

    @Test(arguments: badPlans.indices) func aBadPlanNamesItsLineTheKeyAndTheFix(_ index: Int) throws {
        let (text, line, words) = Self.badPlans[index]
        expectBadPlan(text, line: line, words: words)
    }

    /// A run with the written default plan publishes the same reports as one without a plan; a
    /// plan's value is used unless the command line gives one; the manifest and the fingerprint
    /// name the plan.
    @Test func runsFollowThePlanAndTheCommandLineOverridesIt() throws {
        let inputs = temporaryFolder()
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 1500, years: [2021], seed: 4), to: inputs)
        func run(_ label: String, _ extra: [String] = []) throws -> (folder: URL, manifest: [String: Any]) {
            let outputs = temporaryFolder(label)
            let result = try runWorkforce(
                ["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"] + extra)
            #expect(result.status == 0, "\(result.errors)")
            let data = try Data(contentsOf: outputs.appendingPathComponent("latest/manifest.json"))
            return (outputs, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }
        let without = try run("without")
        #expect(without.manifest["plan_sha256"] == nil)

        let planFile = inputs.appendingPathComponent("plan.toml")
        #expect(try runWorkforce(["plan", "init", planFile.path]).status == 0)
        let withDefault = try run("with-default")
        let expectedHash = Checksum.sha256(try Data(contentsOf: planFile))
        #expect(withDefault.manifest["plan_sha256"] as? String == expectedHash)
        for report in ["wages", "training", "coverage", "composition", "equal_pay", "skill_fit", "enterprises"] {
            let a = try Data(contentsOf: without.folder.appendingPathComponent("latest/\(report).csv"))
            let b = try Data(contentsOf: withDefault.folder.appendingPathComponent("latest/\(report).csv"))
            #expect(a == b, "\(report).csv")
        }

        try Data("[thresholds]\nconfidence_level = 0.9\nsuppress_below = 12\nlow_n_below = 40\n".utf8).write(
            to: planFile)
        let fromPlan = try run("from-plan")
        #expect(fromPlan.manifest["confidence_level"] as? Double == 0.9)
        #expect(fromPlan.manifest["suppress_below"] as? Int == 12)
        let overridden = try run("overridden", ["--confidence-level", "0.8"])
        #expect(overridden.manifest["confidence_level"] as? Double == 0.8)
        #expect(overridden.manifest["low_n_below"] as? Int == 40)

        // A bad plan stops the run before anything is read, naming the line.
        try Data("[thresholds]\nconfidence = 0.9\n".utf8).write(to: planFile)
        let outputs = temporaryFolder("bad")
        let bad = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(bad.status == 65)
        #expect(bad.errors.contains("plan.toml line 2: thresholds.confidence is not a key of [thresholds]"))
        #expect(try runWorkforce(["plan", "check", planFile.path]).status == 65)
    }

    /// The low-pay fraction, the dispatch cap and an indicator's name from the plan: the estimates
    /// equal what the contract's definitions give on the input rows, computed here, and the labels
    /// say what was estimated.
    @Test func thresholdsAndLabelsFromThePlan() throws {
        let inputs = temporaryFolder()
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 1500, years: [2021], seed: 6), to: inputs)
        let plan = """
            [thresholds]
            low_pay_fraction = "3/5"
            dispatch_cap = 0.05
            [indicator_labels]
            mean_wage = { en = "Average monthly wage", zh = "月平均工资" }
            [domain_labels.district]
            "浦东新区" = { en = "Pudong", zh = "浦东" }
            """
        try Data(plan.utf8).write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let latest = outputs.appendingPathComponent("latest")
        let wages = try readCSV(latest.appendingPathComponent("wages.csv"))
        func row(_ rows: [[String: String]], _ indicator: String) throws -> [String: String] {
            try #require(rows.first { $0["indicator"] == indicator && $0["scope"] == "all" && $0["by"] == "all" })
        }
        // Low pay: the weighted share of accepted workers earning less than 3/5 of the published median.
        let workers = try readCSV(inputs.appendingPathComponent("workers_2021.csv"))
        let median = try #require(Double(try row(wages, "p50")["estimate"] ?? ""))
        var below = 0.0, total = 0.0
        for worker in workers {
            let (wage, weight) = (Double(worker["monthly_wage"] ?? "") ?? .nan, Double(worker["weight"] ?? "") ?? .nan)
            total += weight
            if wage < median * 3 / 5 { below += weight }
        }
        let lowPay = try row(wages, "low_pay_rate")
        #expect(isClose(Double(lowPay["estimate"] ?? ""), below / total, relative: 1e-9))
        #expect(lowPay["label_en"] == "Low-pay rate (below 3/5 of the median)")
        #expect(lowPay["label_zh"] == "低收入比例（低于中位数的3/5）")
        let mean = try row(wages, "mean_wage")
        #expect(mean["label_en"] == "Average monthly wage" && mean["label_zh"] == "月平均工资")
        let pudong = wages.filter { $0["by"] == "district" && $0["domain"] == "浦东新区" }
        #expect(!pudong.isEmpty && pudong.allSatisfy { $0["domain_en"] == "Pudong" && $0["domain_zh"] == "浦东" })
        #expect(wages.contains { $0["by"] == "district" && $0["domain"] == "黄浦" && $0["domain_en"] == "Huangpu" })
        // The dispatch cap: enterprises with dispatch / (employees + dispatch) > 5 %, counted in the sample.
        let enterprises = try readCSV(inputs.appendingPathComponent("enterprises.csv"))
        let over = enterprises.filter { enterprise in
            guard let dispatch = Double(enterprise["dispatch_workers"] ?? ""),
                let employees = Double(enterprise["employees"] ?? ""), dispatch + employees > 0
            else { return false }
            return dispatch / (dispatch + employees) > 0.05
        }.count
        let report = try readCSV(latest.appendingPathComponent("enterprises.csv"))
        let count = try row(report, "over_dispatch_cap_count")
        #expect(Double(count["estimate"] ?? "") == Double(over))
        #expect(over > 0)
        #expect(count["label_en"] == "Enterprises above the 5 % dispatch cap (in the sample)")
        let manifest = try Data(contentsOf: latest.appendingPathComponent("manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        #expect(json["low_pay_fraction"] as? String == "3/5" && json["dispatch_cap"] as? Double == 0.05)
    }

    /// A bureau's own header for a contract column, declared in the plan, reads as the column:
    /// the reports equal those of the same file with the contract's header.
    @Test func columnAliasesFromThePlanNameContractColumns() throws {
        let contract = temporaryFolder("contract")
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 800, years: [2021], seed: 8), to: contract)
        let bureau = temporaryFolder("bureau")
        for name in try FileManager.default.contentsOfDirectory(atPath: contract.path) where name.hasSuffix(".csv") {
            var text = try String(contentsOf: contract.appendingPathComponent(name), encoding: .utf8)
            if name.hasPrefix("workers") {
                let header = try #require(text.split(separator: "\n").first)
                let renamed = header.replacingOccurrences(of: "monthly_wage", with: "工资总额")
                text = renamed + text.dropFirst(header.count)
            }
            try Data(text.utf8).write(to: bureau.appendingPathComponent(name))
        }
        let withoutPlan = try runWorkforce(["run", "--inputs", bureau.path, "--outputs", temporaryFolder().path])
        #expect(withoutPlan.status == 65)
        #expect(withoutPlan.errors.contains("monthly_wage"))
        try Data("[column_aliases.workers]\nmonthly_wage = [\"工资总额\"]\n".utf8)
            .write(to: bureau.appendingPathComponent("plan.toml"))
        let (a, b) = (temporaryFolder("a"), temporaryFolder("b"))
        #expect(try runWorkforce(["run", "--inputs", contract.path, "--outputs", a.path, "--quiet"]).status == 0)
        let aliased = try runWorkforce(["run", "--inputs", bureau.path, "--outputs", b.path, "--quiet"])
        #expect(aliased.status == 0, "\(aliased.errors)")
        // `validate` reads the plan too: the bureau's file checks clean.
        let checked = try runWorkforce(["validate", "--inputs", bureau.path, "--outputs", temporaryFolder("v").path])
        #expect(checked.status == 0, "\(checked.errors)")
        for report in ["wages", "training", "coverage", "composition"] {
            let x = try Data(contentsOf: a.appendingPathComponent("latest/\(report).csv"))
            let y = try Data(contentsOf: b.appendingPathComponent("latest/\(report).csv"))
            #expect(x == y, "\(report).csv")
        }
    }

    /// The plan's quantile list: the wages report publishes exactly those, each the smallest wage
    /// whose weighted share at or below it reaches p (docs/indicators.md), computed here.
    @Test func wageQuantilesFromThePlan() throws {
        let inputs = temporaryFolder()
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 1200, years: [2021], seed: 12), to: inputs)
        try Data("[wages]\nquantiles = [0.05, 0.1, 0.5, 0.9, 0.95]\n".utf8)
            .write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let wages = try readCSV(outputs.appendingPathComponent("latest/wages.csv"))
        let all = wages.filter { $0["scope"] == "all" && $0["by"] == "all" }
        let quantileRows = all.filter { isQuantileCode($0["indicator"] ?? "") }.map { $0["indicator"] ?? "" }
        #expect(quantileRows == ["p5", "p10", "p50", "p90", "p95"])
        let workers = try readCSV(inputs.appendingPathComponent("workers_2021.csv"))
            .map { (wage: Double($0["monthly_wage"] ?? "") ?? .nan, weight: Double($0["weight"] ?? "") ?? .nan) }
            .sorted { $0.wage < $1.wage }
        let total = workers.reduce(0) { $0 + $1.weight }
        for (code, p) in [("p5", 0.05), ("p95", 0.95), ("p50", 0.5)] {
            var cumulative = 0.0
            let expected = workers.first { worker in
                cumulative += worker.weight
                return cumulative >= p * total
            }?.wage
            let row = try #require(all.first { $0["indicator"] == code })
            #expect(Double(row["estimate"] ?? "") == expected, "\(code)")
            #expect(row["label_en"] == "Monthly wage, \(code.dropFirst())th percentile" || code == "p50")
            #expect(!(row["ci_low"] ?? "").isEmpty && !(row["ci_high"] ?? "").isEmpty, "\(code) has its interval")
        }
    }

    /// A plan path that is no plain file, missing, too large, or with a byte-order mark.
    @Test func planFilesThatAreNotPlainFilesOrTooLargeAreRefused() throws {
        let folder = temporaryFolder()
        let fifo = folder.appendingPathComponent("plan.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        func failure(_ path: String) -> PlanError? {
            do {
                _ = try SurveyPlan.load(path: path)
                return nil
            } catch { return error }
        }
        // A FIFO would block a reader forever: refused at once.
        #expect(failure(fifo)?.description == "\(fifo): is a FIFO (named pipe), not a plain file; give the plan's file")
        #expect(failure(folder.path)?.message == "is a folder, not a plain file")
        let missing = failure(folder.appendingPathComponent("none.toml").path)
        #expect(missing?.exitStatus == .noInput && missing?.message == "cannot be read (No such file or directory)")
        let big = folder.appendingPathComponent("big.toml")
        try Data(repeating: UInt8(ascii: "#"), count: SurveyPlan.maxBytes + 1).write(to: big)
        #expect(failure(big.path)?.message == "is larger than 1024 KiB")
        let bom = folder.appendingPathComponent("bom.toml")
        try Data([0xEF, 0xBB, 0xBF] + Array("[thresholds]\nconfidence_level = 0.9\n".utf8)).write(to: bom)
        #expect(try SurveyPlan.load(path: bom.path).confidenceLevel == 0.9)
        let latin1 = folder.appendingPathComponent("latin1.toml")
        try Data([0x23, 0xE9, 0x0A]).write(to: latin1)
        #expect(failure(latin1.path)?.message == "is not UTF-8 text")
    }

    /// Breakdowns a plan adds (title, title × sex) against R's survey package on the same file:
    /// headcount, share and mean wage with SEs and design effects per domain, to 1e-6
    /// (Fixtures/r-plan, written by scripts/r/plan_breakdowns.R, survey 4.1.1).
    @Test func addedBreakdownsAgreeWithR() throws {
        let folder = try #require(
            Bundle.module.url(forResource: "apistrat", withExtension: nil, subdirectory: "Fixtures/r-plan"))
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 36)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let ours =
            try readCSV(outputs.appendingPathComponent("latest/composition.csv"))
            + readCSV(outputs.appendingPathComponent("latest/wages.csv"))
        let compared = try expectAgreementWithR(ours, expected, columns: ["estimate", "se", "deff"])
        #expect(compared == 108)
        // The new rows are named: codes, then names in both languages.
        let named = try #require(ours.first { $0["by"] == "title_x_sex" && $0["domain"] == "2/F" })
        #expect(named["domain_en"] == "Intermediate professional title / Women" && named["domain_zh"] == "中级职称/女")
        // A plan may name an added breakdown's domains, before or after [breakdowns].
        let text = """
            [domain_labels.title_x_sex]
            "2/F" = { en = "Engineers, women", zh = "女工程师" }
            [breakdowns]
            add = ["title x sex"]
            """
        let plan = try PlanFile(text: text, name: "plan.toml").plan()
        #expect(
            plan.domainLabels["title_x_sex"]?["2/F"] == IndicatorLabel(english: "Engineers, women", chinese: "女工程师"))
        #expect(throws: PlanError.self) {
            try PlanFile(text: "[domain_labels.title_x_sex]\n\"2/F\" = { en = \"A\", zh = \"B\" }\n", name: "p").plan()
        }
    }

    @Test func breakdownsAreBounded() throws {
        let tooMany = (0..<41).map { "\"\(WorkerField.allCases[$0 % 11].rawValue) x title\"" }
        let text = "[breakdowns]\nadd = [\(tooMany.joined(separator: ", "))]\n"
        #expect(throws: PlanError.self) { try PlanFile(text: text, name: "plan.toml").plan() }
    }

    /// A plan's rates: one defined as a built-in's yes/no column equals the built-in rate in every
    /// domain (estimate, SE, design effect); a comparison equals the share computed from the rows.
    @Test func ratesFromThePlan() throws {
        let inputs = temporaryFolder()
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 1500, years: [2021], seed: 21), to: inputs)
        let plan = """
            [rates.union_again]
            en = "Union members, again"
            zh = "工会会员（再算）"
            when = "union_member"

            [rates.long_commute_share]
            en = "Share commuting more than an hour"
            zh = "单程通勤超过一小时的职工比例"
            when = "commute_minutes > 60"
            clause = "（二十四）"
            """
        try Data(plan.utf8).write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let rates = try readCSV(outputs.appendingPathComponent("latest/rates.csv"))
        let coverage = try readCSV(outputs.appendingPathComponent("latest/coverage.csv"))
        func key(_ row: [String: String]) -> String {
            [row["year"], row["scope"], row["by"], row["domain"]].map { $0 ?? "" }.joined(separator: "|")
        }
        let builtIn = Dictionary(
            coverage.filter { $0["indicator"] == "union_membership_rate" }.map { (key($0), $0) }
        ) { a, _ in a }
        let again = rates.filter { $0["indicator"] == "union_again" }
        #expect(again.count == builtIn.count && again.count > 100)
        for row in again {
            let reference = try #require(builtIn[key(row)])
            for column in ["n", "estimate", "se", "ci_low", "ci_high", "deff", "flag"] {
                #expect(row[column] == reference[column], "\(key(row)) \(column)")
            }
        }
        let long = try #require(
            rates.first { $0["indicator"] == "long_commute_share" && key($0) == "2021|all|all|all" })
        var over = 0.0, given = 0.0
        for worker in try readCSV(inputs.appendingPathComponent("workers_2021.csv")) {
            guard let minutes = Double(worker["commute_minutes"] ?? ""), let weight = Double(worker["weight"] ?? "")
            else { continue }
            given += weight
            if minutes > 60 { over += weight }
        }
        #expect(isClose(Double(long["estimate"] ?? ""), over / given, relative: 1e-12))
        #expect(long["label_zh"] == "单程通勤超过一小时的职工比例" && long["clause"] == "（二十四）")
        #expect(long["unit_en"] == IndicatorUnit.fraction.english)
        // A later run without rates leaves no stable link to a rates.csv it did not publish.
        let stable = outputs.appendingPathComponent("rates.csv").path
        #expect(FileManager.default.fileExists(atPath: stable))
        try FileManager.default.removeItem(at: inputs.appendingPathComponent("plan.toml"))
        #expect(try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"]).status == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: stable)) == nil)
        #expect(FileManager.default.fileExists(atPath: outputs.appendingPathComponent("coverage.csv").path))
    }
}

/// Whether an indicator code is a wage quantile (p1 … p99).
private func isQuantileCode(_ code: String) -> Bool { IndicatorCatalog.percentile(code) != nil }
