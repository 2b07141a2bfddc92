/// The two walks of a group of blocks, streaming: no list of PSUs is kept.
extension EstimationPlan {
    /// The rows of each block of one group (as `listed` gives them, SEs within rounding), or
    /// nil when some PSU's rows come back after another PSU's in a scope.
    ///
    /// *Points*: every domain's totals, from PSU runs summed as the listed walk sums them, so
    /// every ratio and mean is bit for bit the same. *Uncertainty*: the same runs again; at the
    /// end of each, its sums become every covered statistic's z for every domain with rows in
    /// it (a gap: the group's z minus the reference group's, in every PSU where either has
    /// rows), added to the domain's moments in the PSU's stratum; and each row's deviations
    /// about its domains' means are summed for the design effects, in file order as
    /// `ElementDeviations` sums them.
    /// A quantile's share p̂ at its point gets its z the same way, from the run's Σ w at or below
    /// the point (`QuantileGroup`), counting only the PSUs where the domain has weight.
    /// Under calibration the points walk also gathers every term's and cut's Σ d·x·y, so that
    /// each run's z enters as its residual z − Bᵀ·W (`StreamState`, `CalibratedResiduals`).
    func streamed(
        _ wave: Wave, blocks pairs: [(Scope, ByVariable)], quantiles: [BlockQuantiles], cores: [WageSamples]
    ) -> [Result<[EstimateTable.Row], DesignError>]? {
        let samples = wave.samples, estimator = wave.estimator, design = estimator.design
        let (blocks, values) = PassBlock.numbered(pairs)
        let calibration = samples.calibration.flatMap { _ in design.calibration }
        let cuts = StreamCuts(
            self, blocks: blocks, values: values, quantiles: quantiles, columns: calibration?.columns ?? 0)
        let points = PSUPass(samples, values: values, terms: list.terms)
        points.keepsEntries = false
        if let rows = samples.calibration {
            // Under calibration the points walk gathers every term's and cut's Σ d·x·y too.
            rows.withView { view in
                points.run(samples, blocks: blocks) { row, columns, slots, count in
                    cuts.addCells(row, columns, slots, count, view)
                }
            }
            cuts.finishCells()
        } else {
            points.run(samples, blocks: blocks)
        }
        guard !points.cameBack else { return nil }
        let totals = (0..<values).map { points.totals(of: $0) }
        let rowCounts = (0..<values).map { points.rowCount(of: $0) }
        let state = StreamState(
            self, blocks: blocks, values: values, totals: totals, strata: design.strata.count, cuts: cuts,
            residuals: calibration.map { CalibratedResiduals($0, pass: points, values: values, cuts: cuts) })
        let uncertainty = PSUPass(samples, values: values, terms: list.terms)
        uncertainty.keepsEntries = false
        uncertainty.keepsTotals = false
        uncertainty.keepsCells = false
        uncertainty.atRunEnd = { touched, psu in
            state.add(run: touched, stratum: Int(design.stratumOfPSU[Int(psu)]), psu: psu, uncertainty)
        }
        let measures = numeric.map(\.measure)
        uncertainty.run(samples, blocks: blocks) { row, columns, slots, count in
            state.addDeviations(row, columns, slots, count, measures)
            cuts.addRun(row, columns, slots, count)
        }
        return blocks.indices.map { b in
            let block = blocks[b]
            do throws(DesignError) {
                var quantileRows = [[(request: Int, estimate: Estimate)]](repeating: [], count: block.by.cardinality)
                // The buckets, made once per sorted copy where some interval needs them.
                var made: [[[Int32]]]? = nil
                let wanted = quantileGroups.indices.map { g in
                    quantiles[b][g].map { quantileGroups[g].needsIntervals($0.covered) } ?? false
                }
                for (g, group) in quantileGroups.enumerated() {
                    guard let (covered, points) = quantiles[b][g] else { continue }
                    let estimates = try group.estimates(
                        cores[g],
                        buckets: {
                            if made == nil { made = buckets(cores, scope: block.scope, by: block.by, wanted: wanted) }
                            return made![g]
                        }, covered: covered, points: points,
                        estimator: estimator,
                        variance: { (value, r) throws(DesignError) in
                            try state.variance(
                                block.first + value, statistic: r, design: design, lonely: estimator.lonely)
                        },
                        psus: { value, r in state.moments.psus(domain: block.first + value, statistic: r) })
                    for value in estimates.indices { quantileRows[value] += estimates[value] }
                }
                var rows: [EstimateTable.Row] = []
                for value in 0..<block.by.cardinality where rowCounts[block.first + value] > 0 {
                    let v = block.first + value
                    let domain = Domain(scope: block.scope, by: block.by, value: value)
                    for r in state.covered[state.blockOf[v]] {
                        let t = terms[r]
                        var reference: (value: Double, n: Int)? = nil
                        if case .gapToReference = requests[r].statistic, let referenceValue = block.by.referenceValue,
                            value != referenceValue, rowCounts[block.first + referenceValue] > 0,
                            let ratio = Statistic.ratio(totals[block.first + referenceValue], t)
                        {
                            reference = (ratio.value, Int(totals[block.first + referenceValue][t.n]))
                        }
                        let estimate = try requests[r].statistic.finish(
                            totals: totals[v], t,
                            variance: { () throws(DesignError) in
                                try state.variance(v, statistic: r, design: design, lonely: estimator.lonely)
                            },
                            deviations: deviationsOf[r].map { state.deviations[v * numeric.count + $0] },
                            reference: reference,
                            estimator)
                        if let estimate {
                            rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                        }
                    }
                    for (r, estimate) in quantileRows[value] {
                        rows.append(.init(year: wave.year, domain: domain, request: r, estimate: estimate))
                    }
                }
                return .success(rows)
            } catch {
                return .failure(error)
            }
        }
    }
}
