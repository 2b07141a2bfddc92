import Testing

@testable import WorkforceKit

@Suite struct LibCSVParserTests {
    @Test func plainRecordsWithLineNumbers() {
        let parsed = parseCSV("a,b,c\n1,2,3\n")
        #expect(parsed.records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(parsed.records.map(\.line) == [1, 2])
        #expect(parsed.malformed.isEmpty)
    }

    @Test func quotedCommasDoubledQuotesAndEmbeddedNewlines() {
        let parsed = parseCSV("x,\"a,b\",\"say \"\"hi\"\"\"\n\"line1\nline2\",2,3\nlast,1,2\n")
        #expect(
            parsed.records.map(\.fields) == [
                ["x", "a,b", "say \"hi\""], ["line1\nline2", "2", "3"], ["last", "1", "2"],
            ])
        // The record after a two-line record starts on line 4.
        #expect(parsed.records.map(\.line) == [1, 2, 4])
        #expect(parsed.records[1].raw == "\"line1\nline2\",2,3")
    }

    @Test func crlfLineEndsAndNoFinalNewline() {
        let parsed = parseCSV("a,b\r\n1,2\r\n3,4")
        #expect(parsed.records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(parsed.records.map(\.line) == [1, 2, 3])
        #expect(parsed.records[1].raw == "1,2")
    }

    @Test func bareCarriageReturnsEndLines() {
        let parsed = parseCSV("a,b\r1,2\r")
        #expect(parsed.records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(parsed.records.map(\.line) == [1, 2])
    }

    @Test func emptyFieldsAndSpacesAreKept() {
        let parsed = parseCSV(",, x ,\n")
        #expect(parsed.records.map(\.fields) == [["", "", " x ", ""]])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let parsed = parseCSV("a\n\n\nb\n")
        #expect(parsed.records.map(\.fields) == [["a"], ["b"]])
        #expect(parsed.records.map(\.line) == [1, 4])
    }

    @Test func tabDelimiter() {
        let parsed = parseCSV("a\tb,c\n", delimiter: 0x09)
        #expect(parsed.records.map(\.fields) == [["a", "b,c"]])
    }

    @Test func quoteInsideUnquotedFieldIsMalformedAndParsingGoesOn() {
        let parsed = parseCSV("1,ab\"c,3\n4,5,6\n")
        #expect(parsed.malformed.map(\.line) == [1])
        #expect(parsed.malformed.first?.rawText == "1,ab\"c,3")
        #expect(parsed.records.map(\.fields) == [["4", "5", "6"]])
        #expect(parsed.records.map(\.line) == [2])
    }

    @Test func textAfterClosingQuoteIsMalformed() {
        let parsed = parseCSV("\"ab\"c,1\n2,3\n")
        #expect(parsed.malformed.map(\.line) == [1])
        #expect(parsed.records.map(\.fields) == [["2", "3"]])
    }

    @Test func unterminatedQuoteDoesNotSwallowTheRest() {
        let parsed = parseCSV("1,\"open,2\n3,4\n5,6\n")
        #expect(parsed.malformed.count == 1)
        #expect(parsed.malformed.first?.line == 1)
        #expect(parsed.malformed.first?.reason.hasPrefix("unterminated quoted field") == true)
        #expect(parsed.malformed.first?.rawText == "1,\"open,2")
        #expect(parsed.records.map(\.fields) == [["3", "4"], ["5", "6"]])
        #expect(parsed.records.map(\.line) == [2, 3])
    }

    @Test func fieldOverTheSizeLimitIsMalformed() {
        let long = String(repeating: "x", count: 100)
        let parsed = parseCSV("1,\"\(long)\n\(long)\n2,3\n", maxFieldBytes: 50)
        #expect(parsed.malformed.first?.line == 1)
        #expect(parsed.records.map(\.fields).last == ["2", "3"])
    }
}
