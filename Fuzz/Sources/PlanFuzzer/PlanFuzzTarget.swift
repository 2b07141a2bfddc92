import Foundation
import WorkforceKit

/// Longest message a refused plan may give: messages quote at most a few dozen characters of
/// the plan, whatever its size.
private let maxMessageBytes = 4096

/// libFuzzer entry point: bytes → the plan reader (`SurveyPlan.read`: BOM, UTF-8, syntax and
/// bounds, toml++, every section) → a plan, or a refusal with status 65, a line inside the text
/// and a bounded message. A crash, an assertion in toml++, a stack overflow or a broken
/// invariant stops the fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        let plan = try SurveyPlan.read(bytes, name: "plan.toml")
        _ = plan.changesFromBuiltIn
    } catch {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        precondition(error.exitStatus == .dataError, "status \(error.exitStatus) for \(error)")
        precondition(error.line.map { (1...lines).contains($0) } ?? true, "line outside the text: \(error)")
        precondition(
            error.description.utf8.count <= maxMessageBytes, "a message of \(error.description.utf8.count) bytes")
    }
    return 0
}
