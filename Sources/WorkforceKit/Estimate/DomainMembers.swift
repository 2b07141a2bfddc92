/// The rows of each domain of a by-variable, as row numbers into one wave's `WageSamples`.
enum DomainMembers {
    /// Row numbers (in `order`) of each value of `by` within `scope`: a stable counting sort,
    /// so each domain keeps the order of `order` (wage order, or file order).
    ///
    /// - Complexity: O(rows).
    static func buckets(_ samples: WageSamples, order: [Int32], scope: Scope, by: ByVariable) -> [[Int32]] {
        buckets(samples, rows: order.lazy.map(Int.init), scope: scope, by: by)
    }

    /// Row numbers, ascending, of each value of `by` within `scope`: in a sorted core
    /// (`WageSamples.wageOrderedCore`) each domain's rows in value order.
    static func buckets(_ samples: WageSamples, scope: Scope, by: ByVariable) -> [[Int32]] {
        buckets(samples, rows: 0..<samples.count, scope: scope, by: by)
    }

    private static func buckets(
        _ samples: WageSamples, rows: some Sequence<Int>, scope: Scope, by: ByVariable
    ) -> [[Int32]] {
        var buckets = [[Int32]](repeating: [], count: by.cardinality)
        let inScope = scope.test
        samples.withColumns { columns in
            for index in rows {
                guard inScope.holds(index, columns) else { continue }
                buckets[by.value(index, columns)].append(Int32(index))
            }
        }
        return buckets
    }
}
