import Testing

@testable import PatchbayProviders

@Suite("SSE parser")
struct SSEParserTests {
    @Test("events split across arbitrary chunk boundaries come out whole")
    func chunking() {
        let stream = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive\r\ndata: line one\r\ndata: line two\r\n\r\ndata: [DONE]\n\n"
        let bytes = Array(stream.utf8)
        for size in 1...7 {
            var parser = SSEParser()
            var events: [SSEEvent] = []
            var index = 0
            while index < bytes.count {
                events += parser.feed(bytes[index..<min(index + size, bytes.count)])
                index += size
            }
            events += parser.finish()
            #expect(events == [
                SSEEvent(event: "message_start", data: "{\"a\":1}"),
                SSEEvent(event: nil, data: "line one\nline two"),
                SSEEvent(event: nil, data: "[DONE]"),
            ], "chunk size \(size)")
        }
    }

    @Test("an event without its closing blank line is delivered at the end")
    func unterminated() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: {\"x\":1}".utf8)).isEmpty)
        #expect(parser.finish() == [SSEEvent(event: nil, data: "{\"x\":1}")])
    }

    @Test("multi-byte characters split between chunks survive")
    func utf8Split() {
        let bytes = Array("data: héllo 🌍\n\n".utf8)
        var parser = SSEParser()
        var events = parser.feed(bytes[0..<8])
        events += parser.feed(bytes[8...])
        #expect(events == [SSEEvent(event: nil, data: "héllo 🌍")])
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

import Foundation
