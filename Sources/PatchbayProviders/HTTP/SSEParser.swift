/// One server-sent event: the `event:` name (nil when absent) and its `data:` lines joined by "\n".
struct SSEEvent: Sendable, Equatable {
    var event: String?
    var data: String
}

/// Incremental `text/event-stream` parser: bytes arrive in arbitrary chunks, events come out whole.
/// Follows the WHATWG rules the APIs use: lines end in LF or CRLF, a blank line dispatches, `:`
/// starts a comment, one optional space after the colon is dropped.
struct SSEParser: Sendable {
    private var pending: [UInt8] = []
    private var event: String?
    private var data: [String] = []

    mutating func feed(_ bytes: some Sequence<UInt8>) -> [SSEEvent] {
        pending.append(contentsOf: bytes)
        var events: [SSEEvent] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > start && pending[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = String(decoding: pending[start..<end], as: UTF8.self)
            start = newline + 1
            if let dispatched = take(line) { events.append(dispatched) }
        }
        pending.removeFirst(start)
        return events
    }

    /// What is left when the stream ends: an event without its closing blank line still counts.
    mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !pending.isEmpty {
            let line = String(decoding: pending, as: UTF8.self)
            pending.removeAll()
            if let e = take(line) { events.append(e) }
        }
        if let e = take("") { events.append(e) }
        return events
    }

    private mutating func take(_ line: String) -> SSEEvent? {
        if line.isEmpty {
            defer { event = nil; data.removeAll() }
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
        case "data": data.append(String(value))
        default: break  // id, retry: not used by model APIs
        }
        return nil
    }
}
