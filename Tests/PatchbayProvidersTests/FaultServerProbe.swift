import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a client saw of one HTTP exchange with the fault server: status, headers, body, any
/// transport error, and when each piece of the body arrived (to see streams arrive over time).
struct ProbeResult: Sendable {
    var status: Int?
    var headers: [String: String] = [:]
    var body = Data()
    var error: String?
    var arrivals: [(at: Duration, bytes: Int)] = []
    var elapsed: Duration = .zero

    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
    var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// The body as server-sent events.
    var events: [ProbeEvent] { ProbeEvent.parse(text) }

    /// When the body first held `count` complete events (`\n\n`-terminated), from request start.
    func timeOfEvent(_ count: Int) -> Duration? {
        var seen = Data()
        var offset = 0
        for arrival in arrivals {
            seen.append(body[offset..<offset + arrival.bytes])
            offset += arrival.bytes
            if String(decoding: seen, as: UTF8.self).components(separatedBy: "\n\n").count - 1 >= count {
                return arrival.at
            }
        }
        return nil
    }
}

/// One server-sent event as a client parses it.
struct ProbeEvent: Sendable {
    var event: String?
    var data: String

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any]
    }

    static func parse(_ text: String) -> [ProbeEvent] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var event: String?
            var data: [String] = []
            for line in block.split(separator: "\n", omittingEmptySubsequences: true) {
                if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
            }
            return data.isEmpty ? nil : ProbeEvent(event: event, data: data.joined(separator: "\n"))
        }
    }
}

/// Sends one request with URLSession on a fresh session (no reused connection, so a broken one
/// is never silently retried) and records the body as it arrives through the delegate.
final class FaultProbe: NSObject, URLSessionDataDelegate, Sendable {
    private let result = Mutex(ProbeResult())
    private let done = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let start = ContinuousClock.now

    static func send(
        _ url: String, method: String = "POST", json: Any? = nil, headers: [String: String] = [:],
        timeout: TimeInterval = 5
    ) async -> ProbeResult {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = timeout
        if let json {
            request.httpBody = try? JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let probe = FaultProbe()
        let session = URLSession(configuration: .ephemeral, delegate: probe, delegateQueue: nil)
        await withCheckedContinuation { continuation in
            probe.done.withLock { $0 = continuation }
            session.dataTask(with: request).resume()
        }
        session.finishTasksAndInvalidate()
        return probe.result.withLock { $0 }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        if let http = response as? HTTPURLResponse {
            result.withLock {
                $0.status = http.statusCode
                for (name, value) in http.allHeaderFields {
                    $0.headers["\(name)"] = "\(value)"
                }
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let now = ContinuousClock.now - start
        result.withLock {
            $0.body.append(data)
            $0.arrivals.append((now, data.count))
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let now = ContinuousClock.now - start
        result.withLock {
            $0.error = error.map { "\($0)" }
            $0.elapsed = now
        }
        done.withLock {
            $0?.resume()
            $0 = nil
        }
    }
}
