/// A worker's categorical codes packed into 32 bits: what domains and quantiles need per row.
///
/// Bits: industry 0–4, district 5–9, employment type 10–11, skill level 12–14,
/// education 15–17, sex 18, hukou 19, migrant 20, age band 21–23, in the
/// industrial scope 24, weekly hours known 25, full-time (≥ 35 h) 26, title 27–28,
/// enterprise size band 29–31 (`EnterpriseSize`, 5 = not in enterprises.csv).
public struct WorkerCodesPacked: Sendable, Equatable {
    public let bits: UInt32

    /// Packs a worker's codes as validation reads them.
    init(
        industry: UInt8, district: UInt8, employmentType: UInt8, skillLevel: UInt8, education: UInt8, sex: UInt8,
        hukou: UInt8, migrant: Bool, age: Int, inIndustrialScope: Bool, weeklyHours: Double?, title: UInt8,
        sizeBand: Int
    ) {
        var bits = UInt32(industry)
        bits |= UInt32(district) << 5
        bits |= UInt32(employmentType) << 10
        bits |= UInt32(skillLevel) << 12
        bits |= UInt32(education) << 15
        bits |= UInt32(sex) << 18
        bits |= UInt32(hukou) << 19
        bits |= (migrant ? 1 : 0) << 20
        bits |= UInt32(WorkerCodes.ageBand(age)) << 21
        bits |= (inIndustrialScope ? 1 : 0) << 24
        if let hours = weeklyHours {
            bits |= 1 << 25
            bits |= (hours >= 35 ? 1 : 0) << 26
        }
        bits |= UInt32(title & 0x3) << 27
        bits |= UInt32(sizeBand & 0x7) << 29
        self.bits = bits
    }

    public var industry: Int { Int(bits & 0x1F) }
    public var district: Int { Int((bits >> 5) & 0x1F) }
    public var employmentType: Int { Int((bits >> 10) & 0x3) }
    public var skillLevel: Int { Int((bits >> 12) & 0x7) }
    public var education: Int { Int((bits >> 15) & 0x7) }
    public var sex: Int { Int((bits >> 18) & 0x1) }
    public var hukou: Int { Int((bits >> 19) & 0x1) }
    public var migrant: Int { Int((bits >> 20) & 0x1) }
    public var ageBand: Int { Int((bits >> 21) & 0x7) }
    public var inIndustrialScope: Bool { (bits >> 24) & 1 == 1 }
    public var hoursKnown: Bool { (bits >> 25) & 1 == 1 }
    public var fullTime: Bool { (bits >> 26) & 1 == 1 }
    public var title: Int { Int((bits >> 27) & 0x3) }
    public var sizeBand: Int { Int((bits >> 29) & 0x7) }

}

extension WorkerCodesPacked {
    /// A packed code a `RowCondition` can test: where its bits sit.
    enum Field: Sendable, Equatable {
        case sex
        case skillLevel
        case employmentType
        /// 1 for full-time workers (≥ 35 h a week), 0 otherwise or when hours are not given.
        case fullTime

        /// The field is `(bits >> shift) & mask`.
        var shift: UInt32 {
            switch self {
            case .sex: 18
            case .skillLevel: 12
            case .employmentType: 10
            case .fullTime: 26
            }
        }

        var mask: UInt32 {
            switch self {
            case .sex, .fullTime: 1
            case .skillLevel: 7
            case .employmentType: 3
            }
        }
    }
}
