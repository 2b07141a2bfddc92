import Foundation
import Testing

@testable import WorkforceKit

@Suite struct SpreadsheetSafetyTests {
    @Test func formulaTriggersAreNeutralised() {
        for text in [
            "=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "  =cmd|' /C calc'!A0", "\u{00A0}=1", "\u{3000}-x",
        ] {
            #expect(FormulaGuard.neutralise(text) == "'" + text, "\(text.debugDescription)")
        }
        for text in ["1", "abc", "16-24", "<50", ">=1000", "浦东新区", "", "a=b", "C/3"] {
            #expect(FormulaGuard.neutralise(text) == text, "\(text.debugDescription)")
        }
    }

    @Test func csvNeutralisesTextButNotNumbers() {
        var table = ReportTable(name: "t", columns: ["=header", "value"])
        table.append([.text("=HYPERLINK(\"http://x\")"), .number(-3.5)])
        table.append([.text("-1"), .integer(-2)])
        let text = String(decoding: CSVReportWriter(byteOrderMark: false).render(table), as: UTF8.self)
        #expect(text == "'=header,value\n\"'=HYPERLINK(\"\"http://x\"\")\",-3.5\n'-1,-2\n")
    }

    @Test func byteOrderMarkOnAndOff() {
        let table = ReportTable(name: "t", columns: ["a"])
        #expect(CSVReportWriter(byteOrderMark: true).render(table) == [0xEF, 0xBB, 0xBF, 0x61, 0x0A])
        #expect(CSVReportWriter(byteOrderMark: false).render(table) == [0x61, 0x0A])
    }

    @Test func quarantinedFormulaIsNeutralisedInTheQuarantineFile() throws {
        // The record starts with a formula: the year column holds it.
        let row = ValidationRuleTests.row(["year": "=1+cmd|' /C calc'!A0"], id: 1)
        let inputs = try makeInputs(["workers.csv": ValidationRuleTests.header + "\n" + row + "\n"])
        let (_, outputs) = try runPipeline(inputs: inputs, validateOnly: true)
        let quarantine = try readCSV(outputs.appendingPathComponent("quarantine/workers.csv"))
        #expect(quarantine.first?["reason"] == "not an integer")
        #expect(quarantine.first?["record"] == "'" + row)
    }
}

@Suite struct NumberFormatTests {
    @Test func numbersAreWrittenPlainly() {
        #expect(CSVReportWriter.format(2021) == "2021")
        #expect(CSVReportWriter.format(-3.5) == "-3.5")
        #expect(CSVReportWriter.format(0.1) == "0.1")
        #expect(CSVReportWriter.format(1e-5) == "0.00001")
        #expect(CSVReportWriter.format(-2.5e-7) == "-0.00000025")
        #expect(CSVReportWriter.format(1.5e20) == "150000000000000000000")
        #expect(CSVReportWriter.format(1.2345678901234567e16) == "12345678901234568")
        #expect(Double(CSVReportWriter.format(3.0000000000000004e-8)) == 3.0000000000000004e-8)
    }

    @Test func crlfLineEnds() {
        var table = ReportTable(name: "t", columns: ["a", "b"])
        table.append([.integer(1), .text("x")])
        #expect(CSVReportWriter(byteOrderMark: false, crlf: true).render(table) == Array("a,b\r\n1,x\r\n".utf8))
    }
}
