import Foundation

/// Strict parsing of plain numbers straight from field bytes, without building strings.
///
/// Accepted: an optional sign, ASCII digits, at most one `.` with digits around
/// it, and an optional exponent. Rejected: thousands separators, full-width
/// digits, `nan`, `inf`, hex — they are reported, not guessed at.
enum NumberParsing {
    /// Whole number, e.g. `2021`, `-3`, `+7`; nil when not one.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < bytes.count, bytes.count - index <= 18 else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return negative ? -value : value
    }

    /// Decimal number, correctly rounded to the nearest Double as strtod does; nil when malformed.
    ///
    /// Fast path (Clinger): up to 15 significant digits and at most 22 decimals give
    /// an exact integer mantissa and an exact power of ten, so one division is
    /// correctly rounded. Anything else goes to strtod after the strict syntax check.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var sawPoint = false
        var sawDigit = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if sawPoint { return nil }
                sawPoint = true
            } else {
                let digit = byte &- UInt8(ascii: "0")
                if digit >= 10 { break }
                sawDigit = true
                if mantissa != 0 || digit != 0 { digits += 1 }
                if digits <= 19 { mantissa = mantissa &* 10 &+ UInt64(digit) }
                if sawPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if index == bytes.count, digits <= 15, fractionDigits <= 22 {
            let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        // Exponent or long mantissa: check the syntax, then let strtod round.
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            guard index < bytes.count else { return nil }
            while index < bytes.count {
                guard bytes[index] &- UInt8(ascii: "0") < 10 else { return nil }
                index += 1
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }
}
