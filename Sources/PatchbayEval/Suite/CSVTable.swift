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
        var text = text
        // withUTF8 rethrows untyped errors: carry the typed one out in a Result.
        records = try text.withUTF8 { bytes in Result { () throws(Failure) in try Self.read(bytes) } }.get()
    }

    /// One pass over the UTF-8 bytes (a 10 MB field or 100,000 columns cost their size, not four
    /// times it as an array of scalars would). Columns count scalars: continuation bytes don't.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> [[Field]] {
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let lf = UInt8(ascii: "\n")
        let cr = UInt8(ascii: "\r")
        var records: [[Field]] = []
        var record: [Field] = []
        var field: [UInt8] = []
        var fieldLine = 1
        var fieldColumn = 1
        var line = 1
        var column = 1
        var quoted = false
        var wasQuoted = false
        var quoteLine = 0
        var quoteColumn = 0
        // A record of one quoted empty field ("") is a record; a blank line is not.
        var recordHadQuote = false
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0

        func endField() {
            record.append(Field(text: String(decoding: field, as: UTF8.self), line: fieldLine, column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() {
            endField()
            // A line with nothing on it is no record.
            if !(record.count == 1 && record[0].text.isEmpty && !recordHadQuote) { records.append(record) }
            record = []
            recordHadQuote = false
        }

        while i < bytes.count {
            let c = bytes[i]
            let width = c & 0xC0 == 0x80 ? 0 : 1
            if quoted {
                if c == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        column += 2
                        continue
                    }
                    quoted = false
                    i += 1
                    column += 1
                    continue
                }
                field.append(c)
                if c == lf {
                    line += 1
                    column = 1
                } else {
                    column += width
                }
                i += 1
                continue
            }
            switch c {
            case quote:
                guard field.isEmpty, !wasQuoted else {
                    throw Failure(message: "a quote inside an unquoted field", line: line, column: column)
                }
                quoted = true
                wasQuoted = true
                recordHadQuote = true
                quoteLine = line
                quoteColumn = column
            case comma:
                endField()
                fieldLine = line
                fieldColumn = column + 1
            case cr where i + 1 < bytes.count && bytes[i + 1] == lf:
                break
            case lf, cr:
                endRecord()
                line += 1
                column = 0
                fieldLine = line
                fieldColumn = 1
            default:
                if wasQuoted {
                    throw Failure(message: "text after a closing quote", line: line, column: column)
                }
                field.append(c)
            }
            i += 1
            column += width
        }
        if quoted { throw Failure(message: "a quoted field is never closed", line: quoteLine, column: quoteColumn) }
        if !field.isEmpty || !record.isEmpty || recordHadQuote { endRecord() }
        return records
    }
}
