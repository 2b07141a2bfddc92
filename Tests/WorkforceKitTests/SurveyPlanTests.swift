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
    ]

    @Test(arguments: badPlans.indices) func aBadPlanNamesItsLineTheKeyAndTheFix(_ index: Int) throws {
        let (text, line, words) = Self.badPlans[index]
        #expect(throws: PlanError.self) { try PlanFile(text: text, name: "plan.toml").plan() }
        do {
            _ = try PlanFile(text: text, name: "plan.toml").plan()
        } catch {
            #expect(error.line == line, "\(text)")
            #expect(error.description.contains(words), "\(error.description)")
            #expect(error.description.hasPrefix("plan.toml line \(line ?? 0): "))
            #expect(error.exitStatus == .dataError)
        }
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
}
