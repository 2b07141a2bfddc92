/// A wave's columns as buffers, for hot loops: no array retain or uniqueness check per row.
struct WaveColumns {
    let wages: UnsafeBufferPointer<Double>
    let weights: UnsafeBufferPointer<Double>
    let psus: UnsafeBufferPointer<Int32>
    let codes: UnsafeBufferPointer<WorkerCodesPacked>
    let flags: UnsafeBufferPointer<UInt16>
    let trainingHours: UnsafeBufferPointer<Float>
    let trainingSubsidy: UnsafeBufferPointer<Float>
    let commuteMinutes: UnsafeBufferPointer<Float>
    /// The plan's extra columns (`ExtraColumns`), row by row: `extraWidth` values a row.
    let extras: UnsafeBufferPointer<Double>
    let extraWidth: Int
    /// Per row, bit k set when the row is in the plan's scope k (`WageSamples.markScopes`).
    let scopeBits: UnsafeBufferPointer<UInt8>

    var count: Int { wages.count }

    /// Extra column `slot` on `row`; NaN when not given.
    @inline(__always)
    func extra(_ slot: Int, _ row: Int) -> Double { extras[row &* extraWidth &+ slot] }

    /// `column` on `row`; NaN when not given.
    @inline(__always)
    func value(_ column: WaveColumn, _ row: Int) -> Double {
        switch column {
        case .wage: wages[row]
        case .trainingHours: Double(trainingHours[row])
        case .trainingSubsidy: Double(trainingSubsidy[row])
        case .commuteMinutes: Double(commuteMinutes[row])
        case .extra(let slot): extra(slot, row)
        }
    }
}

extension WageSamples {
    /// Calls `body` with the wave's columns as buffers (the wage-ordered core's empty columns stay empty).
    func withColumns<Result>(_ body: (WaveColumns) -> Result) -> Result {
        wages.withUnsafeBufferPointer { wages in
            weights.withUnsafeBufferPointer { weights in
                psus.withUnsafeBufferPointer { psus in
                    codes.withUnsafeBufferPointer { codes in
                        flags.withUnsafeBufferPointer { flags in
                            trainingHours.withUnsafeBufferPointer { hours in
                                trainingSubsidy.withUnsafeBufferPointer { subsidy in
                                    commuteMinutes.withUnsafeBufferPointer { commute in
                                        extras.withUnsafeBufferPointer { extras in
                                            scopeBits.withUnsafeBufferPointer { scopeBits in
                                                body(
                                                    WaveColumns(
                                                        wages: wages, weights: weights, psus: psus, codes: codes,
                                                        flags: flags, trainingHours: hours, trainingSubsidy: subsidy,
                                                        commuteMinutes: commute, extras: extras,
                                                        extraWidth: extraWidth, scopeBits: scopeBits)
                                                )
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
