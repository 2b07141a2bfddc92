/// The regression coefficients that turn a calibrated wave's run sums into residuals, for a
/// streamed group of blocks: per (value, term) and per quantile cut, B = G⁻¹·c, c its Σ d·x·y
/// over the domain (`CalibrationDesign`). A statistic's z is linear in its terms' run sums, so
/// its residual t = z − Bᵀ·W (R's `svyrecvar` on a calibrated design) is z taken of each term's
/// run sum less Bᵀ_term·W_psu, with the same coefficients: the walks need no list of PSUs.
final class CalibratedResiduals {
    let design: CalibrationDesign
    let terms: Int
    let values: Int
    /// Model columns (p).
    var columns: Int { design.columns }
    /// B per (value, term), then per cut: `coefficients[vector * p + j]`.
    private let coefficients: UnsafeMutableBufferPointer<Double>
    /// Per (value, term): Bᵀ·W of the current PSU, valid where `stamp` is the run's number.
    private let fittedNow: UnsafeMutableBufferPointer<Double>
    private let stamp: UnsafeMutableBufferPointer<Int>
    private var run = 0
    private var psu = 0

    /// From the points walk's cells (`pass`, per value, model column and term) and the cuts'.
    init(_ design: CalibrationDesign, pass: PSUPass, values: Int, cuts: StreamCuts) {
        self.design = design
        terms = pass.terms.count
        self.values = values
        let p = design.columns
        let vectors = values * terms + cuts.value.count
        coefficients = .allocate(capacity: max(1, vectors * p))
        coefficients.initialize(repeating: 0)
        fittedNow = .allocate(capacity: max(1, values * terms))
        fittedNow.initialize(repeating: 0)
        stamp = .allocate(capacity: max(1, values))
        stamp.initialize(repeating: -1)
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
        fittedNow.deallocate()
        stamp.deallocate()
    }

    /// Starts PSU run `psu` (its Σ w·x entries in `design`).
    func start(psu: Int32) {
        run += 1
        self.psu = Int(psu)
    }

    /// Bᵀ·W of the current PSU for coefficient vector `vector`.
    @inline(__always)
    private func fitted(vector: Int) -> Double {
        let b = coefficients.baseAddress! + vector * columns
        var sum = 0.0
        for e in design.psuStart[psu]..<design.psuStart[psu + 1] {
            let entry = design.entries[e]
            sum += b[Int(entry.column)] * entry.sum
        }
        return sum
    }

    /// Bᵀ·W of the current PSU for (value, term).
    @inline(__always)
    func fitted(_ value: Int, _ term: Int) -> Double {
        if stamp[value] != run {
            stamp[value] = run
            for t in 0..<terms { fittedNow[value * terms + t] = fitted(vector: value * terms + t) }
        }
        return fittedNow[value * terms + term]
    }

    /// Bᵀ·W of the current PSU for cut `cut`.
    @inline(__always)
    func fitted(cut: Int) -> Double { fitted(vector: values * terms + cut) }

    /// Component j of B for (value, term).
    @inline(__always)
    func coefficient(_ value: Int, _ term: Int, _ j: Int) -> Double {
        coefficients[(value * terms + term) * columns + j]
    }

    /// Component j of B for cut `cut`.
    @inline(__always)
    func coefficient(cut: Int, _ j: Int) -> Double { coefficients[(values * terms + cut) * columns + j] }
}
