/// What the variance of a calibrated wave needs besides the design: the inverse of
/// G = Σ d·x·xᵀ over the wave's rows, and every PSU's Σ w·x (calibrated weights).
///
/// Under calibration R's `svyrecvar` replaces each row's w·z by its residual w·(z − xᵀB) from the
/// design-weighted regression of z on the calibration variables, B = G⁻¹ Σ d·x·z (survey's
/// `greg_calibration`; for post-strata B is each post-stratum's d-weighted mean of z). Summed
/// over a PSU that is t = Z − Bᵀ·W, W the PSU's Σ w·x: a PSU without rows of the domain has
/// t = −Bᵀ·W, not 0. `Linearized.cells` carries Σ d·x·z, so B and every t follow here.
struct CalibrationDesign: Sendable {
    /// Model columns (p).
    let columns: Int
    /// G⁻¹, p × p, row-major.
    let inverse: [Double]
    /// Per PSU number, where its (column, Σ w·x) entries start in `entries` (`psuStart[psu + 1]` ends them).
    let psuStart: [Int]
    let entries: [(column: Int32, sum: Double)]
    /// Per stratum of the design: the columns its PSUs touch, Σ W over its PSUs and Σ W·Wᵀ (over
    /// those columns, row-major): Σ of Bᵀ·W and of (Bᵀ·W)² over every PSU of the stratum without
    /// visiting them.
    let strata: [StratumSums]

    struct StratumSums: Sendable {
        /// The stratum's PSU numbers.
        let psus: [Int32]
        let columns: [Int32]
        let sum: [Double]
        let gram: [Double]
    }

    /// From a calibrated wave's rows (or a pair's) under `design` (its PSU numbers and strata);
    /// nil when G is singular.
    init?(_ samples: WageSamples, design: SurveyDesign) {
        let psuCount = design.stratumOfPSU.count
        guard let rows = samples.calibration else { return nil }
        let p = rows.columns, width = rows.width
        var gram = [Double](repeating: 0, count: p * p)
        var perPSU = [[Int32: Double]](repeating: [:], count: psuCount)
        // A PSU's rows mostly come together: its Σ w·x are gathered in a short list while its run
        // lasts, and enter its entries when the run ends.
        var run: (psu: Int, sums: [(column: Int32, sum: Double)]) = (-1, [])
        func endRun() {
            guard run.psu >= 0 else { return }
            for (column, sum) in run.sums { perPSU[run.psu][column, default: 0] += sum }
            run.sums.removeAll(keepingCapacity: true)
        }
        for row in 0..<samples.count {
            let d = rows.designWeights[row], w = samples.weights[row]
            let psu = Int(samples.psus[row])
            if psu != run.psu {
                endRun()
                run.psu = psu
            }
            for a in 0..<width {
                let (j, x) = (Int(rows.entryColumns[row * width + a]), rows.entryValues[row * width + a])
                guard x != 0 else { continue }
                if let k = run.sums.firstIndex(where: { $0.column == Int32(j) }) {
                    run.sums[k].sum += w * x
                } else {
                    run.sums.append((Int32(j), w * x))
                }
                for b in 0..<width {
                    let (k, y) = (Int(rows.entryColumns[row * width + b]), rows.entryValues[row * width + b])
                    gram[j * p + k] += d * x * y
                }
            }
        }
        endRun()
        guard let inverse = Self.invert(gram, size: p) else { return nil }
        columns = p
        self.inverse = inverse
        var start = [0]
        var entries: [(column: Int32, sum: Double)] = []
        for sums in perPSU {
            entries += sums.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            start.append(entries.count)
        }
        psuStart = start
        self.entries = entries
        var strata: [StratumSums] = []
        for stratum in design.strata.indices {
            let psus = design.stratumOfPSU.indices.filter { design.stratumOfPSU[$0] == Int32(stratum) }
            let touched = Array(Set(psus.flatMap { psu in entries[start[psu]..<start[psu + 1]].map(\.column) }))
                .sorted()
            let local = Dictionary(uniqueKeysWithValues: touched.enumerated().map { ($1, $0) })
            let m = touched.count
            var sum = [Double](repeating: 0, count: m)
            var gram = [Double](repeating: 0, count: m * m)
            for psu in psus {
                let own = entries[start[psu]..<start[psu + 1]]
                for a in own {
                    let j = local[a.column]!
                    sum[j] += a.sum
                    for b in own { gram[j * m + local[b.column]!] += a.sum * b.sum }
                }
            }
            strata.append(StratumSums(psus: psus.map { Int32($0) }, columns: touched, sum: sum, gram: gram))
        }
        self.strata = strata
    }

    /// Σ Bᵀ·W and Σ (Bᵀ·W)² over every PSU of stratum `stratum`.
    func fittedSums(_ coefficients: [Double], stratum: Int) -> (sum: Double, squares: Double) {
        let own = strata[stratum]
        let b = own.columns.map { coefficients[Int($0)] }
        var sum = 0.0, squares = 0.0
        for j in b.indices {
            sum += b[j] * own.sum[j]
            var row = 0.0
            for k in b.indices { row += own.gram[j * b.count + k] * b[k] }
            squares += b[j] * row
        }
        return (sum, squares)
    }

    /// B = G⁻¹·c, c a statistic's Σ d·x·z.
    func coefficients(_ cells: [Double]) -> [Double] {
        (0..<columns).map { j in
            var sum = 0.0
            for k in 0..<min(columns, cells.count) { sum += inverse[j * columns + k] * cells[k] }
            return sum
        }
    }

    /// Bᵀ·W of PSU `psu`.
    func fitted(_ coefficients: [Double], psu: Int) -> Double {
        var sum = 0.0
        for e in psuStart[psu]..<psuStart[psu + 1] { sum += coefficients[Int(entries[e].column)] * entries[e].sum }
        return sum
    }

    /// The inverse of a symmetric positive definite matrix (Gauss–Jordan with partial pivoting);
    /// nil when a pivot vanishes against the matrix's scale (redundant calibration variables).
    static func invert(_ matrix: [Double], size n: Int) -> [Double]? {
        var a = matrix
        var inverse = [Double](repeating: 0, count: n * n)
        for i in 0..<n { inverse[i * n + i] = 1 }
        let scale = (0..<n).map { abs(matrix[$0 * n + $0]) }.max() ?? 0
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(a[row * n + column]) > abs(a[pivot * n + column]) { pivot = row }
            guard abs(a[pivot * n + column]) > 1e-12 * scale else { return nil }
            if pivot != column {
                for k in 0..<n {
                    a.swapAt(pivot * n + k, column * n + k)
                    inverse.swapAt(pivot * n + k, column * n + k)
                }
            }
            let divisor = a[column * n + column]
            for k in 0..<n {
                a[column * n + k] /= divisor
                inverse[column * n + k] /= divisor
            }
            for row in 0..<n where row != column {
                let factor = a[row * n + column]
                guard factor != 0 else { continue }
                for k in 0..<n {
                    a[row * n + k] -= factor * a[column * n + k]
                    inverse[row * n + k] -= factor * inverse[column * n + k]
                }
            }
        }
        return inverse
    }
}
