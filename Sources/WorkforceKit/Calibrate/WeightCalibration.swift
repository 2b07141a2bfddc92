import Foundation

/// Calibrated weights w = g·d of one wave: post-stratification, or R's Newton iteration
/// (survey's `grake`) for the raking and linear distances, with optional bounds on g.
///
/// Newton: from λ = 0, each step solves T(λ) Δ = T_pop − Σ d·g(xᵀλ)·x with
/// T(λ) = Σ d·g′(xᵀλ)·x·xᵀ, halving a step that leaves g undefined, until every total is
/// within tolerance·(1 + |total|). Linear without bounds gets there in one step (GREG);
/// raking is the fixed point of iterative proportional fitting. As R, when every
/// population total is over 20 times its sample total the design weights are first scaled
/// by their mean ratio (survey's pre-scaling for weights near 1).
/// docs/estimation.md, "Calibration", gives the formulas and the R calls they match.
enum WeightCalibration {
    /// The calibrated weights and the Newton steps taken (1 for post-stratification).
    static func weights(_ model: CalibrationModel, settings: CalibrationSettings) throws(CalibrationError)
        -> (weights: [Double], iterations: Int)
    {
        let d = model.rows.designWeights
        if settings.method == .poststratify {
            // Each code's population over its Σ d (one margin: every column is one code's indicator).
            var sums = [Double](repeating: 0, count: model.columns)
            let width = model.rows.width
            for row in d.indices { sums[Int(model.rows.entryColumns[row * width])] += d[row] }
            let totals = model.totals
            return (
                d.indices.map { row in
                    let column = Int(model.rows.entryColumns[row * width])
                    return d[row] * totals[column] / sums[column]
                }, 1
            )
        }
        return try newton(model, settings: settings)
    }

    /// Rows with the same calibration variables (every margin's code, no numeric total) share u
    /// and g: Newton runs over these groups, each with its rows' Σ d, rather than over the rows.
    /// Per row its group, and per group a row of it; each row its own group where the model has
    /// a numeric total.
    static func groups(_ model: CalibrationModel) -> (groupOf: [Int32], first: [Int]) {
        let count = model.rows.designWeights.count
        let radix = model.rowCodes.map { Int(($0.max() ?? 0) + 1) }
        // A key per combination of codes, where they number fewer than 2⁴⁰.
        let combinations = radix.reduce(1.0) { $0 * Double($1) }
        guard model.rowValues.isEmpty, !model.rowCodes.isEmpty, combinations < 0x1p40 else {
            return ((0..<count).map { Int32($0) }, Array(0..<count))
        }
        var groupOf = [Int32](repeating: 0, count: count)
        var first: [Int] = []
        var numbers: [Int: Int32] = [:]
        for row in 0..<count {
            var key = 0
            for m in model.rowCodes.indices { key = key * radix[m] + Int(model.rowCodes[m][row]) }
            if let known = numbers[key] {
                groupOf[row] = known
            } else {
                let number = Int32(first.count)
                numbers[key] = number
                first.append(row)
                groupOf[row] = number
            }
        }
        return (groupOf, first)
    }

    private static func newton(_ model: CalibrationModel, settings: CalibrationSettings) throws(CalibrationError)
        -> (weights: [Double], iterations: Int)
    {
        let p = model.columns, width = model.rows.width
        let rows = model.rows
        let (groupOf, firstRow) = groups(model)
        // Per group: its rows' Σ d, and the entries of its first row.
        var d = [Double](repeating: 0, count: firstRow.count)
        for row in rows.designWeights.indices { d[Int(groupOf[row])] += rows.designWeights[row] }
        let entryColumns = firstRow.flatMap { row in rows.entryColumns[(row * width)..<((row + 1) * width)] }
        let entryValues = firstRow.flatMap { row in rows.entryValues[(row * width)..<((row + 1) * width)] }
        let population = model.totals
        let (lower, upper) = (settings.bounds?.lowerBound ?? -.infinity, settings.bounds?.upperBound ?? .infinity)
        let raking = settings.method == .rake
        /// g − 1 and g′ at u = xᵀλ (R's `cal.raking` / `cal.linear` Fm1 and dF).
        func fm1(_ u: Double) -> Double {
            raking ? min(max(exp(u), lower), upper) - 1 : min(max(u + 1, lower), upper) - 1
        }
        func derivative(_ u: Double) -> Double {
            guard u < upper - 1, u > lower - 1 else { return 0 }
            return raking ? exp(u) : 1
        }
        func columnSums(_ weight: (Int) -> Double) -> [Double] {
            var sums = [Double](repeating: 0, count: p)
            for group in d.indices {
                let w = weight(group)
                for k in 0..<width {
                    let value = entryValues[group * width + k]
                    if value != 0 { sums[Int(entryColumns[group * width + k])] += w * value }
                }
            }
            return sums
        }
        var sample = columnSums { d[$0] }
        var scale: Double? = nil
        let ratios = zip(population, sample).map { $0 / $1 }
        if let smallest = ratios.min(), smallest > 20 {
            let mean = ratios.reduce(0, +) / Double(ratios.count)
            d = d.map { $0 * mean }
            sample = sample.map { $0 * mean }
            scale = mean
        }
        var lambda = [Double](repeating: 0, count: p)
        var u = [Double](repeating: 0, count: d.count)
        func fitted() {
            for group in d.indices {
                var sum = 0.0
                for k in 0..<width {
                    let value = entryValues[group * width + k]
                    if value != 0 { sum += value * lambda[Int(entryColumns[group * width + k])] }
                }
                u[group] = sum
            }
        }
        func misfit() -> [Double] {
            let adjusted = columnSums { d[$0] * fm1(u[$0]) }
            return (0..<p).map { population[$0] - sample[$0] - adjusted[$0] }
        }
        func worst(_ misfit: [Double]) -> Double {
            zip(misfit, population).map { abs($0) / (1 + abs($1)) }.max() ?? 0
        }
        var iteration = 1
        while true {
            var gram = [Double](repeating: 0, count: p * p)
            for group in d.indices {
                let weight = d[group] * derivative(u[group])
                guard weight != 0 else { continue }
                for a in 0..<width {
                    let x = entryValues[group * width + a]
                    guard x != 0 else { continue }
                    let j = Int(entryColumns[group * width + a])
                    for b in 0..<width {
                        let y = entryValues[group * width + b]
                        if y != 0 { gram[j * p + Int(entryColumns[group * width + b])] += weight * x * y }
                    }
                }
            }
            guard let inverse = CalibrationDesign.invert(gram, size: p) else {
                throw CalibrationError(
                    year: model.year, margin: model.targets[model.columnTargets[0]].margin, problem: .redundant)
            }
            let off = misfit()
            var step = (0..<p).map { j in (0..<p).reduce(0.0) { $0 + inverse[j * p + $1] * off[$1] } }
            for j in 0..<p { lambda[j] += step[j] }
            fitted()
            // Halve a step that leaves g or g′ undefined (R's step halving).
            while iteration < settings.maxIterations,
                u.contains(where: { !fm1($0).isFinite || !derivative($0).isFinite })
            {
                iteration += 1
                step = step.map { $0 / 2 }
                for j in 0..<p { lambda[j] -= step[j] }
                fitted()
            }
            let left = worst(misfit())
            if left < settings.tolerance { break }
            iteration += 1
            if iteration > settings.maxIterations {
                throw CalibrationError(
                    year: model.year, margin: model.targets.first?.margin ?? "",
                    problem: .notConverged(
                        iterations: settings.maxIterations, misfit: left, tolerance: settings.tolerance))
            }
        }
        let g = u.map { 1 + fm1($0) }
        let weights = rows.designWeights.indices.map { row in
            let g = g[Int(groupOf[row])]
            return rows.designWeights[row] * (scale.map { g * $0 } ?? g)
        }
        return (weights, iteration)
    }
}
