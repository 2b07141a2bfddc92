/// The (scope, by-variable) blocks of the estimates, computed concurrently and kept in a fixed order.
enum DomainBlocks {
    /// Every (scope, breakdown) pair, in report order.
    static func all(scopes: [Scope], breakdowns: [ByVariable]) -> [(Scope, ByVariable)] {
        scopes.flatMap { scope in breakdowns.map { (scope, $0) } }
    }

    /// Each block's result, in block order, whatever the number of threads; the first error in block order is thrown.
    static func map<Value: Sendable>(
        jobs: Int, scopes: [Scope], breakdowns: [ByVariable],
        _ body: @Sendable (Scope, ByVariable) throws(DesignError) -> Value
    ) throws(DesignError) -> [Value] {
        let all = all(scopes: scopes, breakdowns: breakdowns)
        let results = concurrentMap(all.count, jobs: jobs) { index -> Result<Value, DesignError> in
            let (scope, by) = all[index]
            do throws(DesignError) {
                return .success(try body(scope, by))
            } catch {
                return .failure(error)
            }
        }
        var values: [Value] = []
        for result in results {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error): throw error
            }
        }
        return values
    }
}
