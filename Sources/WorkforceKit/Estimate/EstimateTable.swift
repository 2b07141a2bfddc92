/// The estimates of a list of requests: a row per (year, domain, request) that could be
/// estimated, in the reports' order — year, scope, breakdown, value, then the requests' order.
struct EstimateTable: Sendable {
    struct Row: Sendable {
        let year: Int
        let domain: Domain
        /// The request's position in the list estimated.
        let request: Int
        let estimate: Estimate
    }

    var rows: [Row] = []
}
