/// The few values per worker that quantiles need, stored column-wise for one wave.
///
/// Quantiles cannot be computed from sums, so each accepted worker keeps its
/// wage, weight, PSU number and packed codes: 24 bytes a row, growing linearly
/// with the rows of the wave (about 240 MB for 10 million rows).
public struct WageSamples: Sendable {
    public private(set) var wages: [Double] = []
    public private(set) var weights: [Double] = []
    public private(set) var psus: [Int32] = []
    public private(set) var codes: [WorkerCodesPacked] = []

    public init() {}

    public var count: Int { wages.count }

    mutating func append(wage: Double, weight: Double, psu: Int32, codes packed: WorkerCodesPacked) {
        wages.append(wage)
        weights.append(weight)
        psus.append(psu)
        codes.append(packed)
    }

    /// Appends `other` after this one, renumbering its PSUs through `psuMap`.
    mutating func append(_ other: WageSamples, psuMap: [Int32]) {
        wages.append(contentsOf: other.wages)
        weights.append(contentsOf: other.weights)
        psus.append(contentsOf: other.psus.map { psuMap[Int($0)] })
        codes.append(contentsOf: other.codes)
    }
}
