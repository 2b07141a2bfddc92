import Foundation
import Testing

@testable import WorkforceKit

/// Every rule of the workers contract, each with the quarantine reason it produces.
@Suite struct ValidationRuleTests {
    static let header =
        "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,migrant,skill_level,title,monthly_wage,weekly_hours,trained,training_hours,training_subsidy,apprentice,new_certificate,housing_fund,social_insurance,labor_contract,union_member,party_member,commute_minutes,weight,stratum,psu,fpc"
    static let base: [String: String] = [
        "year": "2021", "worker_id": "W1", "enterprise_id": "E1", "district": "黄浦", "industry": "C",
        "employment_type": "regular", "sex": "M", "age": "30", "education": "3", "hukou": "local", "migrant": "0",
        "skill_level": "2", "title": "0", "monthly_wage": "8000", "weekly_hours": "40", "trained": "1",
        "training_hours": "12", "training_subsidy": "0", "apprentice": "0", "new_certificate": "0",
        "housing_fund": "1", "social_insurance": "1", "labor_contract": "1", "union_member": "", "party_member": "",
        "commute_minutes": "35", "weight": "10", "stratum": "", "psu": "", "fpc": "",
    ]

    static func row(_ changes: [String: String], id: Int) -> String {
        var values = base
        values["worker_id"] = "W\(id)"
        for (key, value) in changes { values[key] = value }
        return header.split(separator: ",").map { values[String($0)] ?? "" }.joined(separator: ",")
    }

    /// (change, column, reason)
    static let cases: [([String: String], String, String)] = [
        (["year": "1899"], "year", "out of range"),
        (["year": "2021-01-01"], "year", "not an integer"),
        (["year": ""], "year", "missing value"),
        (["worker_id": ""], "worker_id", "missing value"),
        (["enterprise_id": " "], "enterprise_id", "missing value"),
        (["district": ""], "district", "missing value"),
        (["industry": "Z"], "industry", "unknown code"),
        (["industry": "CC"], "industry", "unknown code"),
        (["employment_type": "temp"], "employment_type", "unknown code"),
        (["sex": "X"], "sex", "unknown code"),
        (["age": "15"], "age", "out of range"),
        (["age": "76"], "age", "out of range"),
        (["age": "thirty"], "age", "not an integer"),
        (["education": "6"], "education", "out of range"),
        (["hukou": "abroad"], "hukou", "unknown code"),
        (["migrant": "2"], "migrant", "unknown code"),
        (["skill_level": "6"], "skill_level", "out of range"),
        (["title": "4"], "title", "out of range"),
        (["monthly_wage": "0"], "monthly_wage", "out of range"),
        (["monthly_wage": "-100"], "monthly_wage", "out of range"),
        (["monthly_wage": "100000000.01"], "monthly_wage", "out of range"),
        (["weight": "1000000001"], "weight", "out of range"),
        (["monthly_wage": "8,000"], "", "wrong field count"),
        (["monthly_wage": "\"8,000\""], "monthly_wage", "not a number"),
        (["monthly_wage": "８０００"], "monthly_wage", "not a number"),
        (["monthly_wage": "nan"], "monthly_wage", "not a number"),
        (["monthly_wage": ""], "monthly_wage", "missing value"),
        (["weekly_hours": "113"], "weekly_hours", "out of range"),
        (["trained": "maybe"], "trained", "unknown code"),
        (["trained": ""], "trained", "missing value"),
        (["training_hours": "-1"], "training_hours", "out of range"),
        (["training_subsidy": "-5"], "training_subsidy", "out of range"),
        (["apprentice": "x"], "apprentice", "unknown code"),
        (["new_certificate": "2"], "new_certificate", "unknown code"),
        (["housing_fund": ""], "housing_fund", "missing value"),
        (["social_insurance": "Q"], "social_insurance", "unknown code"),
        (["labor_contract": "3"], "labor_contract", "unknown code"),
        (["union_member": "x"], "union_member", "unknown code"),
        (["party_member": "x"], "party_member", "unknown code"),
        (["commute_minutes": "-3"], "commute_minutes", "out of range"),
        (["weight": "0"], "weight", "out of range"),
        (["weight": "-1"], "weight", "out of range"),
        (["fpc": "0"], "fpc", "out of range"),
    ]

    @Test func everyRuleQuarantinesWithItsReason() throws {
        var lines = [Self.header, Self.row([:], id: 0)]
        let cases = Self.cases
        for (index, item) in cases.enumerated() { lines.append(Self.row(item.0, id: index + 1)) }
        lines.append(Self.row(["worker_id": "W0"], id: 0))  // duplicate of the first row
        // Accepted: a district outside the list counts as "other".
        lines.append(Self.row(["district": "Atlantis", "stratum": "S9", "psu": "P9"], id: 999))
        let inputs = try makeInputs(["workers.csv": lines.joined(separator: "\n") + "\n"])
        let (summary, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))

        #expect(summary.rowsRead == cases.count + 3)
        #expect(summary.rowsQuarantined == cases.count + 1)
        for (index, item) in cases.enumerated() {
            let line = String(index + 3)
            let entry = quarantine.first { $0["line"] == line }
            #expect(entry?["column"] == item.1, "case \(item.0)")
            #expect(entry?["reason"] == item.2, "case \(item.0)")
            #expect(entry?["file"] == "workers.csv")
        }
        let duplicate = quarantine.first { $0["reason"] == "duplicate key" }
        #expect(duplicate?["line"] == String(cases.count + 3))
        #expect(duplicate?["detail"] == "W0 in 2021 was already seen on line 2")
        #expect(duplicate?["record"] == Self.row(["worker_id": "W0"], id: 0))
    }

    @Test func bytesValidInNoEncodingAreQuarantined() throws {
        // C3 28 is neither UTF-8 nor GB18030: detection falls back to GB18030, which rejects the field too.
        let text = Self.header + "\n" + Self.row(["district": "@@"], id: 1) + "\n"
        var bytes = Array(text.utf8)
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) { bytes.replaceSubrange(at..<at + 2, with: [0xC3, 0x28]) }
        let folder = temporaryFolder("utf8")
        try Data(bytes).write(to: folder.appendingPathComponent("workers.csv"))
        let (summary, outputs) = try runPipeline(inputs: folder, validateOnly: true)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(summary.rowsQuarantined == 1)
        #expect(summary.accounts.first?.encoding == "GB18030 (not valid UTF-8)")
        #expect(quarantine.first?["reason"] == "invalid GB18030")
        #expect(quarantine.first?["column"] == "district")
        // Forced to UTF-8, the same bytes are invalid UTF-8.
        var options = PipelineOptions(inputs: folder.path, outputs: temporaryFolder("forced").path, jobs: 1)
        options.encoding = .utf8
        options.validateOnly = true
        let forced = try Pipeline(options: options).run()
        #expect(forced.accounts.first?.encoding == "utf-8 (--encoding)")
        let entries = try readCSV(
            URL(fileURLWithPath: options.publishedFolder).appendingPathComponent("quarantine/workers.csv"))
        #expect(entries.first?["reason"] == "invalid UTF-8")
    }

    @Test func chineseHeadersAndCodesAreAccepted() throws {
        let text = """
            年份,职工编号,企业编号,区,行业,用工形式,性别,年龄,学历,户籍,技能等级,月工资,参加培训,住房公积金,社会保险,劳动合同,权数
            2021,W1,E1,浦东新区,C,劳务派遣,女,30,3,外省市,2,8000,是,否,是,是,12.5

            """
        let (summary, outputs) = try runPipeline(inputs: try makeInputs(["workers.csv": text]))
        #expect(summary.rowsQuarantined == 0)
        let composition = try readCSV(outputs.appendingPathComponent("composition.csv"))
        #expect(estimate(composition, by: "employment_type", domain: "dispatch", indicator: "headcount") == 12.5)
        #expect(estimate(composition, by: "district", domain: "浦东新区", indicator: "share") == 1)
    }

    @Test func missingRequiredColumnStopsTheRun() throws {
        let inputs = try makeInputs(["workers_2021.csv": "year,worker_id\n2021,W1\n"])
        #expect(throws: InputError.self) { try runPipeline(inputs: inputs) }
        do {
            _ = try runPipeline(inputs: inputs)
        } catch let error as InputError {
            #expect(error.exitStatus == .dataError)
            #expect(error.description.contains("workers_2021.csv:1: missing required column(s) enterprise_id"))
        }
    }

    @Test func duplicateHeaderStopsTheRun() throws {
        let inputs = try makeInputs(["workers.csv": "year,年份\n2021,2021\n"])
        #expect(throws: InputError.duplicateColumn(file: "workers.csv", column: "year", firstField: 1, secondField: 2))
        {
            try runPipeline(inputs: inputs)
        }
    }

    @Test func missingInputsFolderIsReported() {
        #expect(throws: InputError.folderMissing(path: "/nonexistent/inputs")) {
            _ = try Pipeline(
                options: PipelineOptions(inputs: "/nonexistent/inputs", outputs: temporaryFolder().path, jobs: 1)
            ).run()
        }
    }
}
