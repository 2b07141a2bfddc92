import Foundation
import WorkforceKit

extension SampleGenerator {
    /// Writes enterprises.csv: one row per sampled enterprise per wave, all waves in one file.
    struct EnterpriseTable {
        static let header =
            "year,enterprise_id,district,industry,ownership,employees,dispatch_workers,has_union,has_party_org,"
            + "party_members,has_worker_congress,value_added,profit,training_spend,chief_technician_posts,weight\n"

        private var sink: ByteSink

        /// Creates the file and writes the header.
        init(url: URL) throws {
            sink = try ByteSink(url: url)
            sink.text(EnterpriseTable.header)
        }

        /// Appends one wave's enterprises in their sample order (district, then id).
        mutating func append(_ enterprises: [EnterpriseYear], year: Int) throws {
            for enterprise in enterprises {
                sink.integer(year)
                sink.comma()
                sink.raw(enterprise.identifier)
                sink.comma()
                sink.raw(districtNameBytes[enterprise.sample.district])
                sink.comma()
                sink.raw(industryLetterBytes[enterprise.sample.industry])
                sink.comma()
                sink.raw(ownershipCodeBytes[enterprise.traits.ownership.rawValue])
                sink.comma()
                sink.integer(enterprise.employees)
                sink.comma()
                sink.integer(enterprise.dispatchWorkers)
                sink.comma()
                sink.flag(enterprise.hasUnion)
                sink.comma()
                sink.flag(enterprise.hasPartyOrganisation)
                sink.comma()
                sink.integer(enterprise.partyMembers)
                sink.comma()
                sink.flag(enterprise.hasWorkerCongress)
                sink.comma()
                sink.fixed(enterprise.valueAdded, decimals: 2)
                sink.comma()
                sink.fixed(enterprise.profit, decimals: 2)
                sink.comma()
                sink.fixed(enterprise.trainingSpend, decimals: 2)
                sink.comma()
                sink.integer(enterprise.chiefTechnicianPosts)
                sink.comma()
                sink.fixed(enterprise.weight, decimals: 2)
                try sink.endRow()
            }
        }

        /// Writes what is buffered and closes the file.
        mutating func finish() throws -> URL {
            try sink.finish()
        }
    }
}
