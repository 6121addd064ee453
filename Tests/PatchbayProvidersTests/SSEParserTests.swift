import Foundation
import Testing

@testable import PatchbayProviders

@Suite("SSE parser")
struct SSEParserTests {
    @Test("events split across arbitrary chunk boundaries come out whole")
    func chunking() throws {
        let stream =
            "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\r\ndata: line one\r\ndata: line two\r\n\r\ndata: [DONE]\n\n"
        let bytes = Array(stream.utf8)
        for size in 1...7 {
            var parser = SSEParser()
            var events: [SSEEvent] = []
            var index = 0
            while index < bytes.count {
                events += try parser.feed(bytes[index..<min(index + size, bytes.count)])
                index += size
            }
            events += try parser.finish()
            #expect(
                events == [
                    SSEEvent(event: "message_start", data: "{\"a\":1}"),
                    SSEEvent(event: nil, data: "line one\nline two"),
                    SSEEvent(event: nil, data: "[DONE]"),
                ], "chunk size \(size)")
        }
    }

    @Test("an event without its closing blank line is delivered at the end")
    func unterminated() throws {
        var parser = SSEParser()
        #expect(try parser.feed(Array("data: {\"x\":1}".utf8)).isEmpty)
        #expect(try parser.finish() == [SSEEvent(event: nil, data: "{\"x\":1}")])
    }

    @Test("multi-byte characters split between chunks survive")
    func utf8Split() throws {
        let bytes = Array("data: héllo 🌍\n\n".utf8)
        var parser = SSEParser()
        var events = try parser.feed(bytes[0..<8])
        events += try parser.feed(bytes[8...])
        #expect(events == [SSEEvent(event: nil, data: "héllo 🌍")])
    }

    @Test("a line or an event's data up to the limit passes; one byte more throws, whatever the chunking")
    func limits() throws {
        // `data: ` + 10 bytes is a 16-byte line; the event's data is 10 bytes (+1 for its newline).
        let line = "data: " + String(repeating: "a", count: 10)
        for size in [1, 3, 64] {
            var atLimit = SSEParser(limit: 16)
            #expect(
                try Self.feed(&atLimit, line + "\n\n", chunk: size) == [
                    SSEEvent(event: nil, data: String(repeating: "a", count: 10))
                ])
            var over = SSEParser(limit: 15)
            #expect(throws: SSEOverflow.line) { try Self.feed(&over, line + "\n\n", chunk: size) }
            // Unterminated: caught while it arrives, not at the end.
            var endless = SSEParser(limit: 15)
            #expect(throws: SSEOverflow.line) { try Self.feed(&endless, line + "a", chunk: size, finish: false) }
        }
        // Short lines that never end their event: joined, 4 of them are 7 bytes and fit 8; 5 are 9.
        var event = SSEParser(limit: 8)
        #expect(
            try Self.feed(&event, String(repeating: "data: x\n", count: 4) + "\n", chunk: 4).first?.data == "x\nx\nx\nx"
        )
        #expect(throws: SSEOverflow.event) {
            try Self.feed(&event, String(repeating: "data: x\n", count: 5), chunk: 4, finish: false)
        }
    }

    @Test("a 4 MiB line in 16-byte chunks is scanned once: linear, not quadratic")
    func longLineLinear() throws {
        // Rescanning the held line on every chunk would be 4 MiB × 262,144 chunks ≈ 10^12 steps.
        let clock = ContinuousClock()
        let start = clock.now
        var parser = SSEParser(limit: 8 << 20)
        let chunk = Array(repeating: UInt8(ascii: "x"), count: 16)
        #expect(try parser.feed(Array("data: ".utf8)).isEmpty)
        for _ in 0..<(4 << 20) / 16 { _ = try parser.feed(chunk) }
        #expect(try parser.feed([UInt8(ascii: "\n"), UInt8(ascii: "\n")]).first?.data.utf8.count == 4 << 20)
        #expect(clock.now - start < .seconds(10))
    }

    static func feed(_ parser: inout SSEParser, _ text: String, chunk: Int, finish: Bool = true) throws -> [SSEEvent] {
        let bytes = Array(text.utf8)
        var events: [SSEEvent] = []
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            events += try parser.feed(bytes[start..<min(start + chunk, bytes.count)])
        }
        if finish { events += try parser.finish() }
        return events
    }
}

@Suite("Backoff")
struct BackoffTests {
    @Test("delays grow exponentially, are capped, and jitter stays within half to full")
    func exponential() {
        let backoff = Backoff(base: .milliseconds(100), cap: .seconds(1))
        #expect(backoff.delay(afterAttempt: 0, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(backoff.delay(afterAttempt: 2, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(backoff.delay(afterAttempt: 10, retryAfter: nil, random: 1) == .seconds(1))
        #expect(backoff.delay(afterAttempt: 1, retryAfter: nil, random: 0.5) == .milliseconds(100))
        for _ in 0..<50 {
            let d = backoff.delay(afterAttempt: 1, retryAfter: nil)
            #expect(d >= .milliseconds(100) && d <= .milliseconds(200))
        }
    }

    @Test("Retry-After wins, in seconds or as an HTTP date")
    func retryAfter() {
        let backoff = Backoff()
        #expect(backoff.delay(afterAttempt: 3, retryAfter: .seconds(2)) == .seconds(2))
        #expect(Backoff.parseRetryAfter("3") == .seconds(3))
        #expect(Backoff.parseRetryAfter("0.25") == .milliseconds(250))
        #expect(Backoff.parseRetryAfter("soon") == nil)
        #expect(Backoff.parseRetryAfter(nil) == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(Backoff.parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == .seconds(10))
    }
}
