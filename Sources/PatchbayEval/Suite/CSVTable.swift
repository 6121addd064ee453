/// A small RFC 4180 reader: fields separated by commas, records by CRLF or LF; quoted fields may
/// hold commas, newlines and doubled quotes (`""`). Each field keeps its line and column.
struct CSVTable {
    struct Field: Sendable {
        var text: String
        var line: Int
        var column: Int
    }

    struct Failure: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// Records in file order; blank lines between records are skipped.
    var records: [[Field]]

    init(parsing text: String) throws(Failure) {
        var records: [[Field]] = []
        var record: [Field] = []
        var field = ""
        var fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var quoted = false, wasQuoted = false
        var quoteLine = 0, quoteColumn = 0
        // A record of one quoted empty field ("") is a record; a blank line is not.
        var recordHadQuote = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0

        func endField() {
            record.append(Field(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            wasQuoted = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is no record.
            if !(record.count == 1 && record[0].text.isEmpty && !recordHadQuote) { records.append(record) }
            record = []
            recordHadQuote = false
        }

        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 2
                        column += 2
                        continue
                    }
                    quoted = false
                    i += 1
                    column += 1
                    continue
                }
                field.unicodeScalars.append(c)
                if c == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                i += 1
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw Failure(message: "a quote inside an unquoted field", line: line, column: column)
                }
                quoted = true
                wasQuoted = true
                recordHadQuote = true
                quoteLine = line
                quoteColumn = column
            case ",":
                endField()
                fieldLine = line
                fieldColumn = column + 1
            case "\r" where i + 1 < chars.count && chars[i + 1] == "\n":
                break
            case "\n", "\r":
                endRecord()
                line += 1
                column = 0
                fieldLine = line
                fieldColumn = 1
            default:
                if wasQuoted {
                    throw Failure(message: "text after a closing quote", line: line, column: column)
                }
                field.unicodeScalars.append(c)
            }
            i += 1
            column += 1
        }
        if quoted { throw Failure(message: "a quoted field is never closed", line: quoteLine, column: quoteColumn) }
        if !field.isEmpty || !record.isEmpty || recordHadQuote { endRecord() }
        self.records = records
    }
}
