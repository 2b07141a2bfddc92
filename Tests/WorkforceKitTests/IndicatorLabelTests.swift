import Foundation
import Testing

@testable import WorkforceKit

/// Every indicator and every domain code has a name people can read, in English and Chinese, and a unit.
@Suite struct IndicatorLabelTests {
    /// Whether `text` holds a CJK character (a Chinese label, not a code copied over).
    func isChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    @Test func everyCatalogEntryIsNamedInBothLanguagesWithAUnit() {
        // 97 codes; with the five `_gap` rows, the 102 distinct indicators the reports publish.
        #expect(IndicatorCatalog.codes.count == 97)
        for code in IndicatorCatalog.codes + IndicatorCatalog.codes.map({ $0 + "_gap" }) {
            guard let entry = IndicatorCatalog.entry(code) else {
                Issue.record("\(code) has no entry")
                continue
            }
            #expect(entry.english != code && !entry.english.contains("_"), "\(code): English label \(entry.english)")
            #expect(isChinese(entry.chinese), "\(code): Chinese label \(entry.chinese)")
            #expect(!entry.unit.english.isEmpty && !entry.unit.chinese.isEmpty, "\(code): unit")
        }
        // No two indicators read the same: a reader could not tell them apart.
        let english = IndicatorCatalog.codes.compactMap { IndicatorCatalog.entry($0)?.english }
        let chinese = IndicatorCatalog.codes.compactMap { IndicatorCatalog.entry($0)?.chinese }
        #expect(Set(english).count == english.count, "English labels are distinct")
        #expect(Set(chinese).count == chinese.count, "Chinese labels are distinct")
    }

    @Test func unitsFollowWhatTheValueIs() {
        #expect(IndicatorCatalog.entry("mean_wage")?.unit == .yuan)
        #expect(IndicatorCatalog.entry("housing_fund_rate")?.unit == .fraction)
        // A gap between two rates is a difference of fractions; between two means, the means' unit.
        #expect(IndicatorCatalog.entry("housing_fund_rate_gap")?.unit == .fractionDifference)
        #expect(IndicatorCatalog.entry("mean_commute_minutes_gap")?.unit == .minutes)
        #expect(IndicatorCatalog.entry("real_wage_gdp_gap_pp")?.unit == .percentagePoints)
        #expect(IndicatorCatalog.entry("value_added_per_employee")?.unit == .tenThousandYuan)
        #expect(IndicatorCatalog.entry("wage_ladder_level_4")?.chinese == "技能等级4（技师）平均工资与初级工之比")
        #expect(IndicatorCatalog.entry("a_target_of_our_own") == nil)
    }

    @Test func everyDomainCodeHasDistinctNamesInBothLanguages() {
        for by in ByVariable.builtIns {
            let values = 0..<by.cardinality
            let english = values.map { by.englishName($0) }
            let chinese = values.map { by.chineseName($0) }
            #expect(english.allSatisfy { !$0.isEmpty && !isChinese($0) }, "\(by.name) English names")
            #expect(chinese.allSatisfy { !$0.isEmpty }, "\(by.name) Chinese names")
            #expect(Set(english).count == english.count, "\(by.name): English names are distinct")
            #expect(Set(chinese).count == chinese.count, "\(by.name): Chinese names are distinct")
        }
        #expect(ByVariable.industry.englishName(2) == "Manufacturing")
        #expect(ByVariable.industry.chineseName(2) == "制造业")
        #expect(
            ByVariable.industryBySkill.englishName(IndustrySkill.code(industry: 2, level: 3))
                == "Manufacturing / Senior worker")
        #expect(ByVariable.skillLevel.chineseName(5) == "高级技师")
        #expect(ByVariable.enterpriseSize.englishName(EnterpriseSize.unknown) == "Enterprise not in enterprises.csv")
    }

    /// A gap's label names the group it is measured from, in both languages: regular workers for
    /// employment type, local hukou, workers who are not migrants.
    @Test func aGapNamesItsReferenceGroup() throws {
        let (_, outputs) = try runPipeline(
            inputs: try #require(Bundle.module.url(forResource: "small", withExtension: nil, subdirectory: "Fixtures")))
        let coverage = try readCSV(outputs.appendingPathComponent("coverage.csv"))
        let expected: [String: (String, String)] = [
            "employment_type": ("gap to Regular", "与正式之差"), "hukou": ("gap to Local hukou", "与本市之差"),
        ]
        var seen = 0
        for row in coverage where row["indicator"]?.hasSuffix("_gap") == true {
            guard let (english, chinese) = expected[row["by"] ?? ""] else { continue }
            #expect(row["label_en"]?.hasSuffix(": " + english) == true, "\(row)")
            #expect(row["label_zh"]?.hasSuffix("：" + chinese) == true, "\(row)")
            seen += 1
        }
        #expect(seen > 0)
    }
}
