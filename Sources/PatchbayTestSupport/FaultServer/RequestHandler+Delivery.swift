/// How an answer reaches the client under each fault: whole, dripped, cut or corrupted.
extension RequestHandler {
    /// Writes the answer; false when the fault cut the connection.
    func deliver(
        _ plan: ReplyPlan, dialect: any Dialect, stream: Bool, fault: Fault, sentKey: String = "",
        _ writer: ResponseWriter
    ) async throws -> Bool {
        if fault == .malformedSSE {
            try await writer.startEventStream()
            for event in dialect.garbageStream() { try await writer.event(event) }
            try await writer.end()
            return true
        }
        if case .flood(let shape, let bytes) = fault {
            try await flood(shape, bytes: bytes, dialect: dialect, writer)
            return false
        }
        return stream
            ? try await deliverStream(plan, dialect: dialect, fault: fault, sentKey: sentKey, writer)
            : try await deliverBody(dialect.response(plan), fault: fault, pieces: plan.tokens.count, writer)
    }

    private func deliverStream(
        _ plan: ReplyPlan, dialect: any Dialect, fault: Fault, sentKey: String, _ writer: ResponseWriter
    ) async throws -> Bool {
        try await writer.startEventStream()
        for event in dialect.streamStart(plan) { try await writer.event(event) }
        // The broken line goes after the first delta (or alone when there is none), so a client
        // has already started a reply when it meets it.
        let malformedAt = fault == .malformedJSON ? min(1, plan.tokens.count) : nil
        for (index, token) in plan.tokens.enumerated() {
            if case .cutMidStream(let afterTokens) = fault, index >= afterTokens { return false }
            if case .errorEventEchoingKey(let afterTokens) = fault, index >= afterTokens { break }
            if case .slowDrip(let interval) = fault, index > 0 { try await Task.sleep(for: interval) }
            if index == malformedAt { try await writer.event(dialect.malformedDelta()) }
            try await writer.event(dialect.streamDelta(token))
        }
        if case .cutMidStream = fault { return false }
        if case .errorEventEchoingKey = fault {
            for event in dialect.streamError(message: "upstream failed for request with key \(sentKey)") {
                try await writer.event(event)
            }
            try await writer.end()
            return true
        }
        if malformedAt == plan.tokens.count { try await writer.event(dialect.malformedDelta()) }
        for event in dialect.streamEnd(plan) { try await writer.event(event) }
        try await writer.end()
        return true
    }

    private func deliverBody(_ body: String, fault: Fault, pieces: Int, _ writer: ResponseWriter) async throws -> Bool {
        switch fault {
        case .malformedJSON:
            try await writer.json(200, String(body.prefix(body.count / 2)))
            return true
        case .cutMidStream:
            // Announces the whole body, sends half and hangs up.
            try await writer.head(200, ResponseWriter.jsonHeaders(length: body.utf8.count))
            try await writer.body(body.prefix(body.count / 2))
            return false
        case .slowDrip(let interval):
            try await writer.head(200, ResponseWriter.jsonHeaders(length: body.utf8.count))
            let bytes = Array(body.utf8)
            let size = max(1, (bytes.count + max(pieces, 2) - 1) / max(pieces, 2))
            for (index, start) in stride(from: 0, to: bytes.count, by: size).enumerated() {
                if index > 0 { try await Task.sleep(for: interval) }
                try await writer.body(String(decoding: bytes[start..<min(start + size, bytes.count)], as: UTF8.self))
            }
            try await writer.end()
            return true
        case .ok, .status, .hangBeforeFirstByte, .malformedSSE, .errorEventEchoingKey, .flood:
            try await writer.json(200, body)
            return true
        }
    }

    /// Writes the flood in 64 KiB pieces, each counted once it is out; a write fails when the
    /// client has hung up, which ends it.
    private func flood(_ shape: Fault.Flood, bytes: Int, dialect: any Dialect, _ writer: ResponseWriter) async throws {
        let piece: String
        switch shape {
        case .json:
            try await writer.head(200, [("content-type", "application/json")])
            let opening = #"{"choices":[{"message":{"role":"assistant","content":""#
            try await writer.body(opening)
            state.addFlooded(opening.utf8.count)
            piece = String(repeating: "x", count: 1 << 16)
        case .line, .event, .answer:
            try await writer.startEventStream()
            if shape == .line {
                try await writer.body("data: ")
                state.addFlooded(6)
            }
            let unit =
                switch shape {
                case .line: "x"
                case .event: "data: x\n"
                default: dialect.streamDelta("x").rendered
                }
            piece = String(repeating: unit, count: (1 << 16) / unit.utf8.count)
        }
        var sent = 0
        while sent < bytes {
            try await writer.body(piece)
            state.addFlooded(piece.utf8.count)
            sent += piece.utf8.count
        }
        try await writer.end()
    }
}
