import Foundation
import Testing

@testable import WorkforceKit

/// Plan conditions in the analysts' words: categories and codes, comparisons, and, or, not, parentheses.
@Suite struct PlanConditionTests {
    /// Four workers, weights 1, 1, 2, 4:
    /// - W0: 徐汇, age 50, union member, education 5, man, industry C, housing fund;
    /// - W1: 黄浦, age 30, not a member, education 3, woman, industry K, no housing fund;
    /// - W2: 徐汇, age 40, union not answered, education 4, woman, industry G, housing fund;
    /// - W3: 徐汇, age 60, not a member, education 2, man, industry K, housing fund.
    static func inputs(_ plan: String) throws -> URL {
        let folder = temporaryFolder()
        let workers: [[String: String]] = [
            [
                "district": "徐汇", "age": "50", "union_member": "1", "education": "5", "sex": "M", "industry": "C",
                "housing_fund": "1", "weight": "1",
            ],
            [
                "district": "黄浦", "age": "30", "union_member": "0", "education": "3", "sex": "F", "industry": "K",
                "housing_fund": "0", "weight": "1",
            ],
            [
                "district": "徐汇", "age": "40", "union_member": "", "education": "4", "sex": "F", "industry": "G",
                "housing_fund": "1", "weight": "2",
            ],
            [
                "district": "徐汇", "age": "60", "union_member": "0", "education": "2", "sex": "M", "industry": "K",
                "housing_fund": "1", "weight": "4",
            ],
        ]
        let lines = [ValidationRuleTests.header] + workers.enumerated().map { ValidationRuleTests.row($1, id: $0) }
        try lines.joined(separator: "\n").write(
            to: folder.appendingPathComponent("workers.csv"), atomically: true, encoding: .utf8)
        try plan.write(to: folder.appendingPathComponent("plan.toml"), atomically: true, encoding: .utf8)
        return folder
    }

    static func rate(_ code: String, _ when: String) -> String {
        "[rates.\(code)]\nen = \"\(code)\"\nzh = \"\(code)\"\nwhen = \"\(when.replacingOccurrences(of: "\"", with: "\\\""))\"\n\n"
    }

    /// Each rate equals the weighted share worked out by hand above, among the workers who give
    /// every column its condition reads; a scope of a district holds that district's workers.
    @Test func conditionsInWordsCountTheRightWorkers() throws {
        let plan =
            "[thresholds]\nsuppress_below = 0\nlow_n_below = 0\n\n[scopes.xuhui]\nwhen = \"district = \\\"徐汇\\\"\"\n\n"
            + Self.rate("non_union", "not union_member")  // W1, W3 of W0, W1, W3: 5/6
            + Self.rate("xuhui_older", "district = \"徐汇\" and age >= 45")  // W0, W3: 5/8
            + Self.rate("high_edu", "education >= 4")  // W0, W2: 3/8
            + Self.rate("mixed", "industry in [\"C\", \"G\"] or (sex = \"F\" and not housing_fund)")  // W0, W2, W1: 4/8
            + Self.rate("neither", "not (union_member or age >= 45)")  // W1 of W0, W1, W3: 1/6
        let outputs = temporaryFolder()
        let result = try runWorkforce([
            "run", "--inputs", try Self.inputs(plan).path, "--outputs", outputs.path, "--quiet",
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rates = try readCSV(outputs.appendingPathComponent("latest/rates.csv"))
        func rate(_ code: String, scope: String = "all") -> (Double?, String?) {
            let row = rates.first { $0["scope"] == scope && $0["by"] == "all" && $0["indicator"] == code }
            return (row.flatMap { Double($0["estimate"] ?? "") }, row?["n"])
        }
        let expected: [(String, Double, String)] = [
            ("non_union", 5.0 / 6, "3"), ("xuhui_older", 5.0 / 8, "4"), ("high_edu", 3.0 / 8, "4"),
            ("mixed", 4.0 / 8, "4"), ("neither", 1.0 / 6, "3"),
        ]
        for (code, value, n) in expected {
            let (estimate, count) = rate(code)
            #expect(abs((estimate ?? .nan) - value) < 1e-12, "\(code)")
            #expect(count == n, "\(code)")
        }
        // In the scope of 徐汇 (W0, W2, W3), the members answered W0 and W3: not a member 4/5.
        let (scoped, count) = rate("non_union", scope: "xuhui")
        #expect(abs((scoped ?? .nan) - 0.8) < 1e-12 && count == "2")
        // The label says what the condition means, in both languages.
        let mixed = try #require(rates.first { $0["indicator"] == "mixed" })
        #expect(mixed["label_en"]?.contains("industry in {Manufacturing") == true)
        #expect(mixed["label_en"]?.contains("or sex = Women and not housing_fund") == true)
        #expect(mixed["label_zh"]?.contains("行业属于{制造业、") == true)
        #expect(mixed["label_zh"]?.contains("或性别 = 女且非住房公积金") == true)
    }

    /// A condition the product cannot read is refused by `plan check` with its line, key, what is wrong and the fix.
    @Test(arguments: [
        ("district = \"徐会区\"", "\"徐会区\" is not a code of district; did you mean 徐汇?"),
        ("educaton >= 5", "`educaton` is not a column it can test; did you mean education?"),
        ("(union_member and age > 30", "the end where a closing ) should be"),
        ("sex >= 1", "the codes of sex are not numbers, so >= does not apply; name its codes with = or in [...]: M, F"),
        ("age in [1, 2]", "`age` is not a category, so in [...] does not apply"),
        ("union_member and", "the end where a column's name should be"),
        ("district = \"徐汇", "has a quote that is not closed"),
    ])
    func aConditionItCannotReadIsRefused(when: String, problem: String) throws {
        let folder = try Self.inputs(Self.rate("x", when))
        let result = try runWorkforce(["plan", "check", folder.appendingPathComponent("plan.toml").path])
        #expect(result.status == 65)
        #expect(result.errors.contains("plan.toml line 4: rates.x.when"), "\(result.errors)")
        #expect(result.errors.contains(problem), "\(result.errors)")
    }
}
