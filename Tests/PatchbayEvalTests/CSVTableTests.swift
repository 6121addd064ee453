import Testing

@testable import PatchbayEval

@Suite struct CSVTableTests {
    @Test func quotesCommasAndNewlines() throws {
        let table = try CSVTable(
            parsing: "id,text\r\na,\"one, two\"\nb,\"say \"\"hi\"\"\"\nc,\"line 1\nline 2\"\n\nd,\n")
        #expect(
            table.records.map { $0.map(\.text) } == [
                ["id", "text"], ["a", "one, two"], ["b", "say \"hi\""], ["c", "line 1\nline 2"], ["d", ""],
            ])
        // Places: the record after a two-line field (lines 4-5) and a blank line starts on line 7.
        #expect(table.records[4][0].line == 7)
        #expect(table.records[2][1].column == 3)
    }

    @Test func lastRecordWithoutNewlineAndEmptyQuotedField() throws {
        let table = try CSVTable(parsing: "x\n\"\"")
        #expect(table.records.map { $0.map(\.text) } == [["x"], [""]])
    }

    @Test func unclosedQuoteNamesWhereItOpened() {
        #expect {
            try CSVTable(parsing: "a,b\n1,\"open\n2,3\n")
        } throws: { error in
            guard let failure = error as? CSVTable.Failure else { return false }
            return failure.line == 2 && failure.column == 3 && failure.message.contains("never closed")
        }
    }

    @Test func textAfterClosingQuote() {
        #expect(throws: CSVTable.Failure.self) { try CSVTable(parsing: "a\n\"x\"y\n") }
    }
}
