/// One server-sent event: the `event:` name (nil when absent) and its `data:` lines joined by "\n".
struct SSEEvent: Sendable, Equatable {
    var event: String?
    var data: String
}

/// A line, or one event's `data:` lines together, grew past the parser's limit: the server is
/// sending something that is not a model API's stream of small events.
enum SSEOverflow: Error, Equatable {
    case line
    case event
}

/// Incremental `text/event-stream` parser: bytes arrive in arbitrary chunks, events come out whole.
/// Follows the WHATWG rules the APIs use: lines end in LF or CRLF, a blank line dispatches, `:`
/// starts a comment, one optional space after the colon is dropped.
///
/// Held bytes are bounded: a line, or an event's data, longer than `limit` throws `SSEOverflow`
/// as soon as it passes it (by at most one chunk), so an endless line can't grow memory without
/// end. Each byte is searched for a newline once, however the line is split into chunks.
struct SSEParser: Sendable {
    let limit: Int
    private var pending: [UInt8] = []
    /// How many bytes of `pending` are known to hold no newline.
    private var scanned = 0
    private var event: String?
    private var data: [String] = []
    private var dataBytes = 0

    init(limit: Int = 64 << 20) { self.limit = limit }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws(SSEOverflow) -> [SSEEvent] {
        pending.append(contentsOf: bytes)
        var events: [SSEEvent] = []
        var start = 0
        var from = scanned
        while let newline = pending[from...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard end - start <= limit else { throw .line }
            let line = String(decoding: pending[start..<end], as: UTF8.self)
            start = newline + 1
            from = start
            if let dispatched = try take(line) { events.append(dispatched) }
        }
        guard pending.count - start <= limit else { throw .line }
        pending.removeFirst(start)
        scanned = pending.count
        return events
    }

    /// What is left when the stream ends: an event without its closing blank line still counts.
    mutating func finish() throws(SSEOverflow) -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !pending.isEmpty {
            let line = String(decoding: pending, as: UTF8.self)
            pending.removeAll()
            scanned = 0
            if let e = try take(line) { events.append(e) }
        }
        if let e = try take("") { events.append(e) }
        return events
    }

    private mutating func take(_ line: String) throws(SSEOverflow) -> SSEEvent? {
        if line.isEmpty {
            defer {
                event = nil
                data.removeAll()
                dataBytes = 0
            }
            return data.isEmpty && event == nil ? nil : SSEEvent(event: event, data: data.joined(separator: "\n"))
        }
        if line.hasPrefix(":") { return nil }
        let field: Substring
        var value: Substring
        if let colon = line.firstIndex(of: ":") {
            field = line[..<colon]
            value = line[line.index(after: colon)...]
            if value.hasPrefix(" ") { value = value.dropFirst() }
        } else {
            field = Substring(line)
            value = ""
        }
        switch field {
        case "event": event = String(value)
        case "data":
            // Many short `data:` lines without the blank line that ends an event add up too.
            dataBytes += value.utf8.count + 1
            guard dataBytes <= limit + 1 else { throw .event }
            data.append(String(value))
        default: break  // id, retry: not used by model APIs
        }
        return nil
    }
}
