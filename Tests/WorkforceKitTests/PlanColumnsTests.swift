import Foundation
import Testing
import WorkforceSample

@testable import WorkforceKit

/// What a survey plan adds beyond the contract: declared columns of workers.csv, bands of
/// numbers, breakdowns over them, rates and means of them.
@Suite struct PlanColumnsTests {
    /// The fixture written by scripts/r/plan_columns.R: workers with street, pension_topup and
    /// 学生数 columns, its plan, and R survey's estimates.
    static func fixture() throws -> URL {
        try #require(
            Bundle.module.url(forResource: "apistrat-columns", withExtension: nil, subdirectory: "Fixtures/r-plan"))
    }

    /// A plan that declares a category (street), a yes/no and a number column, bands the number,
    /// breaks down by street, the bands and street × sex, defines a rate of the yes/no column
    /// (given on some rows only), a rate of a comparison, a mean and quartiles, at a 90 % level:
    /// every new row equals R survey 4.1.1 (svytotal, svymean with deff, confint at 0.9,
    /// svyquantile with Woodruff intervals; domains as subsets as svyby takes them) to 1e-6 —
    /// estimate, SE, interval and design effect.
    @Test func declaredColumnsBandsRatesAndMeansAgreeWithR() throws {
        let folder = try Self.fixture()
        let expected = try readCSV(folder.appendingPathComponent("expected.csv"))
        #expect(expected.count == 93)
        let outputs = temporaryFolder()
        let result = try runWorkforce(["run", "--inputs", folder.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        var ours: [[String: String]] = []
        for report in ["composition", "wages", "rates", "means", "quantiles"] {
            ours += try readCSV(outputs.appendingPathComponent("latest/\(report).csv"))
        }
        let compared = try expectAgreementWithR(
            ours, expected, columns: ["estimate", "se", "ci_low", "ci_high", "deff"])
        #expect(compared == 465)
        // Codes given as the street's Chinese name count as the code; blank is "not given".
        func named(_ by: String, _ domain: String) throws -> [String: String] {
            try #require(ours.first { $0["by"] == by && $0["domain"] == domain && $0["indicator"] == "headcount" })
        }
        #expect(try named("street", "XJH")["domain_en"] == "Xujiahui")
        #expect(try named("street", "XJH")["domain_zh"] == "徐家汇街道")
        #expect(try named("street", "not_given")["domain_zh"] == "未填报")
        #expect(try named("enroll_band", "[300,600)")["domain_en"] == "300 to under 600")
        #expect(try named("enroll_band", ">=900")["domain_zh"] == "900及以上")
        #expect(try named("street_x_sex", "KJ/F")["domain_en"] == "Kangjian / Women")
        let mean = try #require(ours.first { $0["indicator"] == "mean_enrollment" })
        #expect(mean["unit_en"] == "pupils" && mean["label_zh"] == "平均学生数")
        // The declared columns are read, not listed as ignored.
        let quality = try readCSV(outputs.appendingPathComponent("latest/data_quality.csv"))
        let ignored = try #require(quality.first { $0["table"] == "workers" && $0["measure"] == "ignored_columns" })
        #expect(ignored["value"] == "0", "\(ignored)")
    }

    /// Values that break a declared column's rule quarantine their row, naming the column; a
    /// required column left blank too; rows read = accepted + quarantined. Results do not
    /// depend on the number of threads or the chunk size.
    @Test func badValuesOfDeclaredColumnsAreQuarantined() throws {
        let fixture = try Self.fixture()
        let inputs = temporaryFolder("inputs")
        var lines = try String(contentsOf: fixture.appendingPathComponent("workers.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Row k of the file is line k + 1; the last three fields are street, pension_topup, 学生数.
        func set(_ line: Int, street: String? = nil, topup: String? = nil, enrollment: String? = nil) {
            var fields = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let count = fields.count
            if let street { fields[count - 3] = street }
            if let topup { fields[count - 2] = topup }
            if let enrollment { fields[count - 1] = enrollment }
            lines[line - 1] = fields.joined(separator: ",")
        }
        set(3, street: "\"XYZ\"")
        set(5, topup: "maybe")
        set(7, enrollment: "-5")
        set(9, enrollment: "12000")
        set(11, street: "\"\"")
        // An extra column no plan declares is read past and listed.
        lines[0] += ",note"
        for index in 1..<lines.count where !lines[index].isEmpty { lines[index] += ",x" }
        try lines.joined(separator: "\n").write(
            to: inputs.appendingPathComponent("workers.csv"), atomically: true, encoding: .utf8)
        var plan = try String(contentsOf: fixture.appendingPathComponent("plan.toml"), encoding: .utf8)
        plan = plan.replacingOccurrences(of: "codes = [", with: "required = true\ncodes = [")
        try plan.write(to: inputs.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)

        var published: [String: String] = [:]
        for (jobs, chunk) in [("1", "8388608"), ("2", "1500")] {
            let outputs = temporaryFolder("outputs\(jobs)")
            let result = try runWorkforce([
                "run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet", "--jobs", jobs, "--chunk-bytes",
                chunk,
            ])
            #expect(result.status == 0, "\(result.errors)")
            let quarantine = try readCSV(outputs.appendingPathComponent("latest/quarantine/workers.csv"))
            let found = quarantine.map { "\($0["line"] ?? "") \($0["column"] ?? "") \($0["reason"] ?? "")" }
            // The fixture leaves every 13th school's street blank: with the column required, those rows go too.
            let blank = blankStreetLines(lines)
            #expect(blank.count > 10 && blank.contains(11) && [3, 5, 7, 9].allSatisfy { !blank.contains($0) })
            let expected =
                [
                    "3 street unknown code", "5 pension_topup unknown code", "7 enrollment out of range",
                    "9 enrollment out of range",
                ]
                + blank.map { "\($0) street missing value" }
            #expect(found.sorted() == expected.sorted())
            let detail = try #require(quarantine.first { $0["line"] == "3" }?["detail"])
            #expect(detail.contains("street = \"XYZ\" is not one of XJH, TLQ, HHL, KJ"), "\(detail)")
            let quality = try readCSV(outputs.appendingPathComponent("latest/data_quality.csv"))
            func measure(_ name: String) -> String? {
                quality.first { $0["table"] == "workers" && $0["measure"] == name }?["value"]
            }
            let read = Int(measure("rows_read") ?? ""), accepted = Int(measure("rows_accepted") ?? "")
            #expect(read == 200 && accepted == 200 - quarantine.count, "\(quality)")
            #expect(measure("ignored_columns") == "1")
            for report in ["composition", "rates", "means", "quantiles", "wages"] {
                let text = try String(
                    contentsOf: outputs.appendingPathComponent("latest/\(report).csv"), encoding: .utf8)
                if let first = published[report] {
                    #expect(first == text, "\(report).csv differs with --jobs \(jobs)")
                } else {
                    published[report] = text
                }
            }
        }
    }

    /// Lines of rows whose street field is blank.
    private func blankStreetLines(_ lines: [String]) -> [Int] {
        lines.indices.dropFirst().filter { index in
            let fields = lines[index].split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > 3 && fields[fields.count - 4] == "\"\""
        }.map { $0 + 1 }
    }

    /// Broken declarations, bands, means and breakdowns over them: each names its line, the key,
    /// the problem and the fix, and `plan check` exits 65.
    static let badPlans: [(String, Int?, String)] = [
        (
            "[columns.street]\ntype = \"category\"\nen = \"Street\"\nzh = \"街道\"\n", 1,
            "columns.street lacks its codes; codes = [\"XJH\", \"TLQ\", …]"
        ),
        (
            "[columns.street]\ntype = \"categories\"\nen = \"Street\"\nzh = \"街道\"\ncodes = [\"A\"]\n", 2,
            "columns.street.type = \"categories\" is not a column type; type is \"category\" (codes), \"flag\" (0/1) or \"number\""
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"Street\"\nzh = \"区\"\ncodes = [\"A\"]\n", 4,
            "columns.street: the header \"区\" already names the column district"
        ),
        (
            "[columns.monthly_wage]\ntype = \"number\"\nen = \"W\"\nzh = \"W\"\nmin = 0\nmax = 1\n", 1,
            "columns.monthly_wage is a column of the contract"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"Street\"\ncodes = [\"A\"]\n", 1,
            "columns.street lacks its Chinese name (zh)"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"Street\"\nzh = \"街道\"\ncodes = [\"A\", \"a\"]\n", 5,
            "columns.street.codes lists \"a\" twice"
        ),
        // Issue 23 item 24b: codes are compared as cells are read, blanks trimmed.
        (
            "[columns.street]\ntype = \"category\"\nen = \"Street\"\nzh = \"街道\"\ncodes = [\"A\", \" A\"]\n", 5,
            "columns.street.codes lists \"A\" twice (blanks around a code and case are ignored)"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\ncodes = [\"A\"]\n[columns.street.labels]\nB = { en = \"b\", zh = \"乙\" }\n",
            7, "columns.street.labels.B is not one of the column's codes; did you mean A?"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\ncodes = [\"A\"]\n[columns.street.labels]\nA = { en = \"a\" }\n",
            7, "columns.street.labels.A lacks its Chinese name (zh)"
        ),
        (
            "[columns.hours_ot]\ntype = \"number\"\nen = \"Overtime\"\nzh = \"加班\"\nmin = 10\nmax = 5\n", 6,
            "columns.hours_ot.max = 5 is not above min (10)"
        ),
        (
            "[columns.hours_ot]\ntype = \"number\"\nen = \"Overtime\"\nzh = \"加班\"\nmax = 5\n", 1,
            "columns.hours_ot lacks its bound min"
        ),
        (
            "[columns.topup]\ntype = \"flag\"\nen = \"T\"\nzh = \"年金\"\nmin = 0\n", 5,
            "columns.topup.min belongs to a number column"
        ),
        (
            "[columns.topup]\ntype = \"flag\"\nen = \"T\"\nzh = \"年金\"\nrequired = \"yes\"\n", 5,
            "columns.topup.required must be true or false"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\nheaders = [\"性别\"]\ncodes = [\"A\"]\n", 5,
            "columns.street: the header \"性别\" already names the column sex"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\ncodes = [\"A\"]\nlevels = 3\n", 6,
            "columns.street.levels is not a key of a column"
        ),
        (
            "[bands.wage_band]\ncolumn = \"monthly_wage\"\nedges = [5000, 3000]\n", 3,
            "bands.wage_band.edges lists 3000.0 after 5000.0: not ascending"
        ),
        (
            "[bands.wage_band]\ncolumn = \"district\"\nedges = [3000]\n", 2,
            "bands.wage_band.column = \"district\" is not a numeric column"
        ),
        (
            "[bands.wage_band]\ncolumn = \"monthly_wage\"\nedge = [3000]\n", 3,
            "bands.wage_band.edge is not a key of a band; did you mean edges?"
        ),
        (
            "[bands.street]\ncolumn = \"age\"\nedges = [30]\n[columns.street]\ntype = \"flag\"\nen = \"S\"\nzh = \"甲\"\n",
            1,
            "bands.street has the name of a column"
        ),
        (
            "[breakdowns]\nadd = [\"street\"]\n", 2,
            "`street` is not a column it can break down by; the columns are industry"
        ),
        (
            "[means.mean_ot]\ncolumn = \"hours_ot\"\nen = \"A\"\nzh = \"B\"\n", 2,
            "means.mean_ot.column = \"hours_ot\" is not a numeric column"
        ),
        (
            "[columns.topup]\ntype = \"flag\"\nen = \"T\"\nzh = \"年金\"\n[means.mean_topup]\ncolumn = \"topup\"\nen = \"A\"\nzh = \"B\"\n",
            6, "means.mean_topup.column = \"topup\" is a yes/no column; its share is a rate"
        ),
        (
            "[means.mean_age]\ncolumn = \"age\"\nen = \"A\"\n", 1,
            "means.mean_age lacks its Chinese name (zh)"
        ),
        (
            "[means.r]\ncolumn = \"age\"\nen = \"A\"\nzh = \"B\"\n[rates.r]\nen = \"A\"\nzh = \"B\"\nwhen = \"age > 30\"\n",
            1,
            "means.r publishes r, as rates.r does; give it a code of its own"
        ),
        (
            "[columns.topup]\ntype = \"flag\"\nen = \"T\"\nzh = \"年金\"\n[rates.r]\nen = \"A\"\nzh = \"B\"\nwhen = \"topup > x\"\n",
            8, "rates.r.when = \"topup > x\" is not a condition a rate can count"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\ncodes = [\(codes(40))]\n"
                + "[columns.shop]\ntype = \"category\"\nen = \"W\"\nzh = \"车间\"\ncodes = [\(codes(30))]\n"
                + "[breakdowns]\nadd = [\"street x shop\"]\n", 12,
            "breakdowns.add holds \"street x shop\", which makes 1271 domains, more than 1000"
        ),
        (
            "[columns.street]\ntype = \"category\"\nen = \"S\"\nzh = \"街道\"\ncodes = [\(codes(1000))]\n", 5,
            "columns.street.codes lists 1000 codes, more than 999"
        ),
        (
            "[scopes.older]\n", 1,
            "scopes.older names no workers; give industries = [\"C\"], when = \"age >= 45\", or both"
        ),
        ("[scopes.industrial]\nindustries = [\"C\"]\n", 1, "scopes.industrial is not a scope's name"),
        (
            "[scopes.older]\nwhen = \"age => 45\"\n", 2,
            "scopes.older.when = \"age => 45\" is not a condition a scope can hold"
        ),
        (
            "[scopes.older]\nindustries = [\"Q\", \"X\"]\n", 2,
            "scopes.older.industries holds \"X\", not a section letter"
        ),
        (
            "[scopes.older]\nwhen = \"age >= 45\"\nwhere = 1\n", 3,
            "scopes.older.where is not a key of a scope; did you mean when?"
        ),
        (
            "[quantiles.hours]\ncolumn = \"weekly_hours\"\nen = \"H\"\nzh = \"工时\"\n", 1,
            "quantiles.hours lacks its probabilities"
        ),
        (
            "[quantiles.hours]\ncolumn = \"weekly_hours\"\nprobabilities = [0.5, 0.25]\nen = \"H\"\nzh = \"工时\"\n", 3,
            "quantiles.hours.probabilities lists 0.25 after 0.5: not ascending"
        ),
        (
            "[quantiles.hours]\ncolumn = \"weekly_hours\"\nprobabilities = [0.125]\nen = \"H\"\nzh = \"工时\"\n", 3,
            "quantiles.hours.probabilities holds 0.125, not a whole percent"
        ),
        (
            "[quantiles.hours]\ncolumn = \"district\"\nprobabilities = [0.5]\nen = \"H\"\nzh = \"工时\"\n", 2,
            "quantiles.hours.column = \"district\" is not a numeric column"
        ),
        (
            "[means.hours_p50]\ncolumn = \"age\"\nen = \"A\"\nzh = \"B\"\n"
                + "[quantiles.hours]\ncolumn = \"weekly_hours\"\nprobabilities = [0.5]\nen = \"H\"\nzh = \"工时\"\n", 5,
            "quantiles.hours publishes hours_p50, as means.hours_p50 does"
        ),
        (
            (1...5).map { "[scopes.s\($0)]\nindustries = [\"C\"]\n" }.joined(), 9,
            "scopes.s5 is one scope more than 4; each scope estimates every breakdown again"
        ),
    ]

    /// Scopes a plan adds: one with the industrial scope's industries publishes exactly the
    /// industrial rows in every worker report; one of a comparison and one of industries and a
    /// yes/no column count the workers computed from the rows.
    @Test func scopesFromThePlan() throws {
        let inputs = temporaryFolder("inputs")
        _ = try SampleGenerator.write(
            SampleGeneratorOptions(workersPerWave: 1500, years: [2020, 2021], seed: 5), to: inputs)
        let plan = """
            [scopes.industrial_again]
            industries = ["B", "C", "D", "E", "G", "I"]

            [scopes.older]
            when = "age >= 45"

            [scopes.union_manufacturing]
            industries = ["C"]
            when = "union_member"
            """
        try Data(plan.utf8).write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        for report in ["composition", "wages", "training", "coverage", "equal_pay", "wage_vs_economy"] {
            let rows = try readCSV(outputs.appendingPathComponent("latest/\(report).csv"))
            func rest(_ scope: String) -> [[String: String]] {
                rows.filter { $0["scope"] == scope }.map { $0.filter { $0.key != "scope" } }
            }
            #expect(!rest("industrial").isEmpty && rest("industrial") == rest("industrial_again"), "\(report)")
            var order: [String] = []
            for row in rows where !order.contains(row["scope"] ?? "") { order.append(row["scope"] ?? "") }
            #expect(order == ["all", "industrial", "industrial_again", "older", "union_manufacturing"], "\(report)")
        }
        let composition = try readCSV(outputs.appendingPathComponent("latest/composition.csv"))
        let wages = try readCSV(outputs.appendingPathComponent("latest/wages.csv"))
        var older = (weight: 0.0, wage: 0.0), unionC = 0.0
        for worker in try readCSV(inputs.appendingPathComponent("workers_2021.csv")) {
            let weight = try #require(Double(worker["weight"] ?? ""))
            if let age = Int(worker["age"] ?? ""), age >= 45 {
                older.weight += weight
                older.wage += weight * (try #require(Double(worker["monthly_wage"] ?? "")))
            }
            if worker["industry"] == "C", worker["union_member"] == "1" { unionC += weight }
        }
        func value(_ rows: [[String: String]], _ scope: String, _ indicator: String) -> Double? {
            rows.first {
                $0["year"] == "2021" && $0["scope"] == scope && $0["by"] == "all" && $0["indicator"] == indicator
            }
            .flatMap { Double($0["estimate"] ?? "") }
        }
        #expect(isClose(value(composition, "older", "headcount"), older.weight, relative: 1e-12))
        #expect(isClose(value(wages, "older", "mean_wage"), older.wage / older.weight, relative: 1e-12))
        #expect(isClose(value(composition, "union_manufacturing", "headcount"), unionC, relative: 1e-12))
        #expect(unionC > 0 && older.weight > 0)
    }

    /// Bands of the contract's numbers (commute, weekly hours, age, training hours) break down
    /// every worker report, the wages report's quantiles included; each band's headcount is
    /// the weight of the rows in it, and rows that leave the column blank are `not_given`.
    @Test func bandsOfContractNumbers() throws {
        let inputs = temporaryFolder("inputs")
        _ = try SampleGenerator.write(SampleGeneratorOptions(workersPerWave: 1200, years: [2021], seed: 8), to: inputs)
        // Every ninth worker leaves weekly hours and commute blank.
        let file = inputs.appendingPathComponent("workers_2021.csv")
        var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let blanked = try ["weekly_hours", "commute_minutes"].map { try #require(header.firstIndex(of: $0)) }
        for index in stride(from: 1, to: lines.count, by: 9) {
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == header.count)
            for column in blanked { fields[column] = "" }
            lines[index] = fields.joined(separator: ",")
        }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let plan = """
            [bands.commute_band]
            column = "commute_minutes"
            edges = [30, 60]

            [bands.hours_band]
            column = "weekly_hours"
            edges = [40, 44.5]

            [bands.age5]
            column = "age"
            edges = [25, 30, 35, 40, 45, 50, 55, 60]

            [bands.training_band]
            column = "training_hours"
            edges = [1, 40]

            [breakdowns]
            add = ["commute_band x sex", "hours_band", "age5", "training_band"]

            [rates.long_hours]
            en = "Share working more than 44 hours a week"
            zh = "周工时超过44小时的比例"
            when = "weekly_hours > 44"
            """
        try Data(plan.utf8).write(to: inputs.appendingPathComponent("plan.toml"))
        let outputs = temporaryFolder("outputs")
        let result = try runWorkforce(["run", "--inputs", inputs.path, "--outputs", outputs.path, "--quiet"])
        #expect(result.status == 0, "\(result.errors)")
        let composition = try readCSV(outputs.appendingPathComponent("latest/composition.csv"))
        let wages = try readCSV(outputs.appendingPathComponent("latest/wages.csv"))
        var expected: [String: Double] = [:]
        var hours = (over: 0.0, given: 0.0)
        func band(_ text: String?, _ edges: [Double]) -> String {
            guard let value = Double(text ?? "") else { return "not_given" }
            let k = edges.filter { value >= $0 }.count
            let plain = { (edge: Double) in edge == edge.rounded() ? String(Int(edge)) : String(edge) }
            if k == 0 { return "<\(plain(edges[0]))" }
            if k == edges.count { return ">=\(plain(edges[k - 1]))" }
            return "[\(plain(edges[k - 1])),\(plain(edges[k])))"
        }
        for worker in try readCSV(inputs.appendingPathComponent("workers_2021.csv")) {
            let weight = try #require(Double(worker["weight"] ?? ""))
            let sex = worker["sex"] ?? ""
            expected["commute_band_x_sex|" + band(worker["commute_minutes"], [30, 60]) + "/" + sex, default: 0] +=
                weight
            expected["hours_band|" + band(worker["weekly_hours"], [40, 44.5]), default: 0] += weight
            expected["age5|" + band(worker["age"], [25, 30, 35, 40, 45, 50, 55, 60]), default: 0] += weight
            let training = worker["training_hours"].flatMap { $0.isEmpty ? nil : $0 } ?? "0"
            expected["training_band|" + band(training, [1, 40]), default: 0] += weight
            if let weekly = Double(worker["weekly_hours"] ?? "") {
                hours.given += weight
                if weekly > 44 { hours.over += weight }
            }
        }
        #expect(
            expected.keys.contains("hours_band|not_given") && expected.keys.contains { $0.hasSuffix("not_given/F") })
        var compared = 0
        for (key, weight) in expected {
            let parts = key.split(separator: "|").map(String.init)
            let row = try #require(
                composition.first {
                    $0["scope"] == "all" && $0["by"] == parts[0] && $0["domain"] == parts[1]
                        && $0["indicator"] == "headcount"
                }, "\(key)")
            #expect(isClose(Double(row["estimate"] ?? ""), weight, relative: 1e-12), "\(key)")
            compared += 1
        }
        #expect(compared >= 20)
        // A rate of a comparison on weekly hours, among the workers who give them.
        let rates = try readCSV(outputs.appendingPathComponent("latest/rates.csv"))
        let longHours = try #require(
            rates.first { $0["indicator"] == "long_hours" && $0["by"] == "all" && $0["scope"] == "all" })
        #expect(isClose(Double(longHours["estimate"] ?? ""), hours.over / hours.given, relative: 1e-12))
        #expect(hours.over > 0 && hours.over < hours.given)
        // The wages report breaks the bands down too, medians included.
        #expect(wages.contains { $0["by"] == "commute_band_x_sex" && $0["indicator"] == "p50" && $0["estimate"] != "" })
        #expect(wages.contains { $0["by"] == "age5" && $0["domain"] == "[30,35)" && $0["indicator"] == "p50" })
    }

    /// `count` distinct codes in quotes, separated by commas.
    private static func codes(_ count: Int) -> String {
        (0..<count).map { "\"c\($0)\"" }.joined(separator: ", ")
    }

    @Test(arguments: badPlans.indices) func aBadDeclarationNamesItsLineTheKeyAndTheFix(_ index: Int) throws {
        let (text, line, words) = Self.badPlans[index]
        expectBadPlan(text, line: line, words: words)
    }

    /// `plan check` on a broken declaration exits 65 and names the line; on the fixture's plan, 0.
    @Test func planCheckExitStatus() throws {
        let folder = temporaryFolder()
        let bad = folder.appendingPathComponent("plan.toml")
        try Data(Self.badPlans[0].0.utf8).write(to: bad)
        let failed = try runWorkforce(["plan", "check", bad.path])
        #expect(failed.status == 65 && failed.errors.contains("line 1: columns.street lacks its codes"))
        let good = try runWorkforce(["plan", "check", try Self.fixture().appendingPathComponent("plan.toml").path])
        #expect(good.status == 0, "\(good.errors)")
        #expect(good.output.contains("columns.street") && good.output.contains("means.mean_enrollment"))
    }

    /// Bands hold their lower edge; a value not given falls in the last code.
    @Test func bandsHoldTheirLowerEdge() throws {
        let band = NumericBand(
            name: "wage_band", column: .wage, edges: [3000, 5000.5])
        #expect([2999.99, 3000, 5000.49, 5000.5, 1e8, .nan].map(band.code) == [0, 1, 1, 2, 2, 3])
        #expect((0..<4).map(band.label) == ["<3000", "[3000,5000.5)", ">=5000.5", "not_given"])
        // A plan names a band's domains, and a category's, by these codes.
        let text = """
            [bands.wage_band]
            column = "monthly_wage"
            edges = [3000, 5000.5]

            [columns.street]
            type = "category"
            en = "Street"
            zh = "街道"
            codes = ["XJH"]

            [breakdowns]
            add = ["wage_band", "street"]

            [domain_labels.wage_band]
            "<3000" = { en = "Low", zh = "低" }

            [domain_labels.street]
            not_given = { en = "Street not given", zh = "未填街道" }
            """
        let plan = try PlanFile(text: text, name: "plan.toml").plan()
        #expect(plan.domainLabels["wage_band"]?["<3000"] == IndicatorLabel(english: "Low", chinese: "低"))
        #expect(plan.domainLabels["street"]?["not_given"]?.chinese == "未填街道")
        #expect(throws: PlanError.self) {
            try PlanFile(text: text.replacingOccurrences(of: "\"<3000\"", with: "\"<2000\""), name: "p").plan()
        }
    }
}
