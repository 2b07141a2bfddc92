/// The rows of each domain of a by-variable, as row numbers into one wave's `WageSamples`.
enum DomainMembers {
    /// Row numbers (in `order`) of each value of `by` within `scope`: a stable counting sort,
    /// so each domain keeps the order of `order` (wage order, or file order).
    ///
    /// - Complexity: O(rows).
    static func buckets(_ samples: WageSamples, order: [Int32], scope: Scope, by: ByVariable) -> [[Int32]] {
        var buckets = [[Int32]](repeating: [], count: by.cardinality)
        let inScope = scope.test
        samples.withColumns { columns in
            for index in order {
                guard inScope.holds(Int(index), columns) else { continue }
                buckets[by.value(Int(index), columns)].append(index)
            }
        }
        return buckets
    }
}
