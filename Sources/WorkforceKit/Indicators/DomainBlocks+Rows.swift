/// A report's rows gathered block by block (`DomainBlocks.map`), concatenated in block order.
extension DomainBlocks {
    /// Rows of every block, in block order (`map`, concatenated).
    static func rows(
        jobs: Int, _ body: @Sendable (Scope, ByVariable) throws(DesignError) -> [[ReportCell]]
    ) throws(DesignError) -> [[ReportCell]] {
        try map(jobs: jobs, body).flatMap { $0 }
    }
}
