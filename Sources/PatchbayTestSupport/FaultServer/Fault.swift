/// What the fault server does to one request, so clients can be tested against the failures a
/// real model API shows: refusals, silence, broken streams and garbage.
public enum Fault: Sendable, Equatable {
    /// A normal answer.
    case ok
    /// This HTTP status with the API's JSON error shape (or `body` verbatim), and a `Retry-After`
    /// header when given, e.g. `.status(429, retryAfter: "1")`.
    case status(Int, retryAfter: String? = nil, body: String? = nil)
    /// Read the request, send nothing for that long, then close the connection.
    case hangBeforeFirstByte(Duration)
    /// Stream that many deltas, then close the connection without the final event or `[DONE]`.
    /// A non-streaming request gets a truncated body of the announced length instead.
    case cutMidStream(afterTokens: Int)
    /// 200 `text/event-stream` whose `data:` lines are not JSON, whatever the request asked for.
    case malformedSSE
    /// Non-streaming: 200 `application/json` with a truncated body. Streaming: one `data:` line
    /// of invalid JSON after the first delta; the stream otherwise ends normally.
    case malformedJSON
    /// Stream with this delay between deltas; a non-streaming body is sent in pieces with it.
    case slowDrip(interval: Duration)
    /// Stream that many deltas, then the API's in-stream error event (status 200 already sent)
    /// whose message repeats the key the request carried, as a careless proxy would; then end.
    case errorEventEchoingKey(afterTokens: Int)
    /// 200 whose body never ends, in the shape `Flood` says, until the client hangs up or
    /// `bytes` were sent. `FaultServer.floodedBytes` counts what got out: how far a client read.
    case flood(Flood, bytes: Int)

    /// What a hostile server floods a model client with.
    public enum Flood: Sendable, Equatable {
        /// `text/event-stream`: one `data:` line that never ends.
        case line
        /// `text/event-stream`: short `data:` lines without the blank line that ends an event.
        case event
        /// `text/event-stream`: a normal stream whose deltas never stop.
        case answer
        /// `application/json` without a content-length: one string that never closes.
        case json
    }
}
