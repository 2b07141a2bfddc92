import WorkforceKit

/// Header prepended to inputs whose first byte is even, so that most runs get past the header
/// check and exercise records, fields, decoding and validation.
private let header = Array(
    "year,worker_id,enterprise_id,district,industry,employment_type,sex,age,education,hukou,skill_level,monthly_wage,trained,housing_fund,social_insurance,labor_contract,weight\n"
        .utf8)

/// libFuzzer entry point: bytes → chunks → libcsv → decode → validate → accumulate, with invariants checked.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIngestion(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes = (input.first ?? 0) % 2 == 0 ? header + input : input
    _ = IngestionProbe.run(bytes, chunkBytes: 31 + Int(input.last ?? 0), jobs: 2)
    return 0
}
