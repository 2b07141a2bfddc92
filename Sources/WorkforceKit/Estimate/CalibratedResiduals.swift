/// The regression coefficients that turn a calibrated wave's run sums into residuals, for a
/// streamed group of blocks: per (value, term) and per quantile cut, B = G⁻¹·c, c its Σ d·x·y
/// over the domain (`CalibrationDesign`). A statistic's z is linear in its terms' sums, so its
/// B is its z taken of its terms' B (`settle`), and its residual in a PSU, t = z − Bᵀ·W (R's
/// `svyrecvar` on a calibrated design), needs only the PSU's few Σ w·x: no list of PSUs.
final class CalibratedResiduals {
    let design: CalibrationDesign
    let terms: Int
    let values: Int
    /// Model columns (p).
    var columns: Int { design.columns }
    /// B per (value, term), then per cut: `coefficients[vector * p + j]`.
    private let coefficients: UnsafeMutableBufferPointer<Double>
    /// B per (value, statistic), made from the terms' (`settle`): what each run's fitted values read.
    private var statistics = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1)
    /// The current PSU's Σ w·x entries: model column and sum, and how many.
    private let entryColumns: UnsafeMutablePointer<Int>
    private let entrySums: UnsafeMutablePointer<Double>
    private var entries = 0

    /// From the points walk's cells (`pass`, per value, model column and term) and the cuts'.
    init(_ design: CalibrationDesign, pass: PSUPass, values: Int, cuts: StreamCuts) {
        self.design = design
        terms = pass.terms.count
        self.values = values
        let p = design.columns
        let vectors = values * terms + cuts.value.count
        coefficients = .allocate(capacity: max(1, vectors * p))
        coefficients.initialize(repeating: 0)
        let widest = (0..<(design.psuStart.count - 1)).map { design.psuStart[$0 + 1] - design.psuStart[$0] }.max() ?? 0
        entryColumns = .allocate(capacity: max(1, widest))
        entrySums = .allocate(capacity: max(1, widest))
        let inverse = design.inverse
        var c = [Double](repeating: 0, count: p)
        for vector in 0..<vectors {
            let isCut = vector >= values * terms
            for j in 0..<p {
                c[j] =
                    isCut
                    ? cuts.cells[(vector - values * terms) * cuts.columns + j]
                    : pass.cellSum(value: vector / terms, column: j, term: vector % terms)
            }
            guard c.contains(where: { $0 != 0 }) else { continue }
            let b = coefficients.baseAddress! + vector * p
            for j in 0..<p {
                var sum = 0.0
                for k in 0..<p { sum += inverse[j * p + k] * c[k] }
                b[j] = sum
            }
        }
    }

    deinit {
        coefficients.deallocate()
        statistics.deallocate()
        entryColumns.deallocate()
        entrySums.deallocate()
    }

    /// Makes B of `count` statistics, statistic k's being `coefficients(k)` (p components; nil: none).
    func settle(statistics count: Int, _ coefficients: (_ statistic: Int) -> [Double]?) {
        let p = columns
        statistics.deallocate()
        statistics = .allocate(capacity: max(1, count * p))
        statistics.initialize(repeating: 0)
        for k in 0..<count {
            guard let b = coefficients(k) else { continue }
            for j in 0..<p { statistics[k * p + j] = b[j] }
        }
    }

    /// Starts PSU run `psu`.
    @inline(__always)
    func start(psu: Int32) {
        entries = 0
        for e in design.psuStart[Int(psu)]..<design.psuStart[Int(psu) + 1] {
            entryColumns[entries] = Int(design.entries[e].column)
            entrySums[entries] = design.entries[e].sum
            entries += 1
        }
    }

    /// Bᵀ·W of the current PSU for statistic `statistic` (as `settle` numbered it).
    @inline(__always)
    func fitted(statistic: Int) -> Double {
        let b = statistics.baseAddress! + statistic * columns
        var sum = 0.0
        for e in 0..<entries { sum += b[entryColumns[e]] * entrySums[e] }
        return sum
    }

    /// B of statistic `statistic`.
    func coefficients(statistic: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: statistics.baseAddress! + statistic * columns, count: columns))
    }

    /// Component j of B for (value, term).
    @inline(__always)
    func coefficient(_ value: Int, _ term: Int, _ j: Int) -> Double {
        coefficients[(value * terms + term) * columns + j]
    }

    /// Component j of B for cut `cut`.
    @inline(__always)
    func coefficient(cut: Int, _ j: Int) -> Double { coefficients[(values * terms + cut) * columns + j] }
}
