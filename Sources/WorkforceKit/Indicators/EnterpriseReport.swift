/// Section 8 of docs/indicators.md — enterprises and organisations （七）（二十三）（二十六）.
///
/// From enterprises.csv, weighted by the enterprise weight, per year and per
/// group (`by` = all, ownership, size_band, ownership_x_size_band):
/// `union_share`, `worker_congress_share`; among non-public enterprises
/// (private, foreign, other) with ≥ 50 employees `party_member_presence_share`
/// (at least one party member), with ≥ 100 `party_org_share`;
/// `dispatch_share` = Σ w·dispatch / Σ w·(employees + dispatch) — 用工总量,
/// Interim Provisions on Labour Dispatch (2014) art. 4 — and the count and
/// share of enterprises above its 10 % cap; `value_added_per_employee` and
/// `training_spend_per_employee` (10k CNY); `chief_technician_posts_per_1000`.
/// Shares count only enterprises that answered the question; `n` is the
/// number of enterprises behind each figure. Point estimates (the enterprise
/// sample has no design columns).
enum EnterpriseReport {
    static let clause = "（七）（二十三）（二十六）"
    static let ownershipLabels = ["state", "private", "foreign", "collective", "other", "unknown"]
    static let ownershipEnglish = ["State-owned", "Private", "Foreign-funded", "Collective", "Other", "Not given"]
    static let ownershipChinese = ["国有", "民营", "外资", "集体", "其他", "未填"]

    /// The report's groupings other than all, each with its domain codes (what a plan's
    /// `[domain_labels.<by>]` may rename).
    static let groupCodes: [(by: String, codes: [String])] = [
        ("ownership", ownershipLabels), ("size_band", EnterpriseSize.labels),
        ("ownership_x_size_band", ownershipLabels.flatMap { o in EnterpriseSize.labels.map { "\(o)/\($0)" } }),
    ]

    /// The report; an enterprise is over the dispatch cap when dispatch / (employees + dispatch) > `dispatchCap`.
    static func build(
        _ enterprises: [EnterpriseRecord], dispatchCap: Double = PipelineOptions.defaultDispatchCap,
        disclosure: DisclosurePolicy
    ) -> ReportTable {
        var table = ReportTable(name: "enterprises", columns: EstimateRow.columns)
        let years = Set(enterprises.map(\.year)).sorted()
        for year in years {
            // One pass puts each enterprise in its ownership, size-band and ownership × size groups.
            let bands = EnterpriseSize.labels.count
            // Groups hold positions in `enterprises`, not copies of the records.
            var all: [Int32] = []
            var byOwnership = [[Int32]](repeating: [], count: ownershipLabels.count)
            var bySize = [[Int32]](repeating: [], count: bands)
            var byBoth = [[Int32]](repeating: [], count: ownershipLabels.count * bands)
            for (index, row) in enterprises.enumerated() where row.year == year {
                let position = Int32(index)
                let ownership = Int(row.ownership ?? 5)
                let band = EnterpriseSize.band(employees: row.employees)
                all.append(position)
                if ownership < ownershipLabels.count { byOwnership[ownership].append(position) }
                bySize[band].append(position)
                if ownership < ownershipLabels.count { byBoth[ownership * bands + band].append(position) }
            }
            let sizes = ByVariable.sizeNames
            var groups: [(by: String, domain: String, domainEn: String, domainZh: String, members: [Int32])] = [
                ("all", "all", "All enterprises", "全部", all)
            ]
            for (code, label) in ownershipLabels.enumerated() {
                groups.append(("ownership", label, ownershipEnglish[code], ownershipChinese[code], byOwnership[code]))
            }
            for (band, label) in EnterpriseSize.labels.enumerated() {
                groups.append(("size_band", label, sizes[band].english, sizes[band].chinese, bySize[band]))
            }
            for (code, ownership) in ownershipLabels.enumerated() {
                for (band, size) in EnterpriseSize.labels.enumerated() {
                    groups.append(
                        (
                            "ownership_x_size_band", "\(ownership)/\(size)",
                            "\(ownershipEnglish[code]) / \(sizes[band].english)",
                            "\(ownershipChinese[code])/\(sizes[band].chinese)", byBoth[code * bands + band]
                        ))
                }
            }
            for group in groups where !group.members.isEmpty {
                // One group's records at a time: a contiguous copy is walked fastest, and only one lives.
                for (indicator, estimate) in indicators(
                    group.members.map { enterprises[Int($0)] }, dispatchCap: dispatchCap)
                {
                    let flag = disclosure.flag(n: estimate.n)
                    let shown: ReportCell = flag == "suppressed" ? .empty : .optional(estimate.value)
                    table.append(
                        [
                            .integer(year), "all", .text(group.by), .text(group.domain), .text(group.domainEn),
                            .text(group.domainZh), .text(indicator),
                        ] + EstimateRow.labelCells(indicator) + [
                            .integer(estimate.n), shown, .empty, .empty, .empty, .empty, .text(flag), .text(clause),
                        ])
                }
            }
        }
        return table
    }

    /// The indicators of one group of enterprises.
    static func indicators(_ members: [EnterpriseRecord], dispatchCap: Double) -> [(String, Estimate)] {
        func share(_ rows: some Sequence<EnterpriseRecord>, _ answer: (EnterpriseRecord) -> Bool?) -> Estimate {
            var yes = 0.0, all = 0.0, n = 0
            for row in rows {
                guard let value = answer(row) else { continue }
                all += row.weight
                n += 1
                if value { yes += row.weight }
            }
            return .point(n: n, all > 0 ? yes / all : nil)
        }
        func perEmployee(_ value: (EnterpriseRecord) -> Double?, scale: Double = 1) -> Estimate {
            var numerator = 0.0, employees = 0.0, n = 0
            for row in members {
                guard let amount = value(row), row.employees > 0 else { continue }
                numerator += row.weight * amount
                employees += row.weight * Double(row.employees)
                n += 1
            }
            return .point(n: n, employees > 0 ? scale * numerator / employees : nil)
        }
        let nonPublic = members.lazy.filter { [1, 2, 4].contains($0.ownership ?? 255) }
        var dispatched = 0.0, workforce = 0.0, dispatchN = 0
        for row in members {
            guard let dispatch = row.dispatchWorkers, row.employees + dispatch > 0 else { continue }
            dispatched += row.weight * Double(dispatch)
            workforce += row.weight * Double(row.employees + dispatch)
            dispatchN += 1
        }
        let overCap: (EnterpriseRecord) -> Bool? = { row in
            guard let dispatch = row.dispatchWorkers, row.employees + dispatch > 0 else { return nil }
            return Double(dispatch) / Double(row.employees + dispatch) > dispatchCap
        }
        return [
            ("union_share", share(members) { $0.hasUnion }),
            ("worker_congress_share", share(members) { $0.hasWorkerCongress }),
            (
                "party_member_presence_share",
                share(nonPublic.filter { $0.employees >= 50 }) { $0.partyMembers.map { $0 > 0 } }
            ),
            ("party_org_share", share(nonPublic.filter { $0.employees >= 100 }) { $0.hasPartyOrg }),
            ("dispatch_share", .point(n: dispatchN, workforce > 0 ? dispatched / workforce : nil)),
            (
                "over_dispatch_cap_count",
                .point(n: dispatchN, Double(members.lazy.filter { overCap($0) == true }.count))
            ),
            ("over_dispatch_cap_share", share(members, overCap)),
            ("value_added_per_employee", perEmployee { $0.valueAdded }),
            ("training_spend_per_employee", perEmployee { $0.trainingSpend }),
            ("chief_technician_posts_per_1000", perEmployee({ $0.chiefTechnicianPosts.map(Double.init) }, scale: 1000)),
        ]
    }
}
