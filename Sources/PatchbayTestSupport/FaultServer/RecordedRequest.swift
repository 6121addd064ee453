import Foundation

extension FaultServer {
    /// One request as the server received it, for tests that check what a client sent.
    public struct RecordedRequest: Sendable {
        public var method: String
        /// The path without the query, e.g. "/v1/chat/completions".
        public var path: String
        /// Header names lower-cased; repeated headers joined with ", ".
        public var headers: [String: String]
        public var body: Data

        public var bodyString: String { String(decoding: body, as: UTF8.self) }

        /// Case-insensitive header lookup.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// The body as a JSON object, or nil when it is not one.
        public func json() -> [String: Any]? {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        }
    }
}
