import Crypto
import Foundation

/// Content-addressed results of node executions. The key hashes the node's kind, canonical
/// config, canonical inputs and resolved model (see `CacheKey`), so an edit to one node misses
/// for it and whatever its new outputs reach, and hits everywhere else.
///
/// Synchronous on purpose: lookups sit on the engine's hot path. Implementations must be
/// thread-safe. The persistent store plugs in here.
public protocol StepCache: Sendable {
    func lookup(_ key: String) -> CachedOutputs?
    func store(_ key: String, _ outputs: CachedOutputs)
}

public struct CachedOutputs: Sendable, Hashable, Codable {
    public var outputs: [String: JSONValue]
    public var usage: TokenUsage?
    public var cost: Double?

    public init(outputs: [String: JSONValue], usage: TokenUsage? = nil, cost: Double? = nil) {
        self.outputs = outputs
        self.usage = usage
        self.cost = cost
    }
}

/// A process-local cache; what a run uses unless a persistent one is given.
public final class MemoryStepCache: StepCache, @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: CachedOutputs] = [:]

    public init() {}

    public func lookup(_ key: String) -> CachedOutputs? {
        lock.withLock { entries[key] }
    }

    public func store(_ key: String, _ outputs: CachedOutputs) {
        lock.withLock { entries[key] = outputs }
    }
}

/// Builds cache keys: SHA-256 over a node fingerprint and a canonical encoding of its inputs.
enum CacheKey {
    /// What identifies a node's behaviour apart from its inputs: kind and canonical config.
    /// `extra`: what the executor read from elsewhere (a `$ref` schema file's content).
    static func fingerprint(_ node: Node, extra: JSONValue? = nil) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Data(node.kindName.utf8))
        hasher.update(
            data: Data(JSONValue.object(node.fields.filter { !nonSemanticFields.contains($0.key) }).compactJSON.utf8))
        if let extra { hasher.update(data: Data(extra.compactJSON.utf8)) }
        return Array(hasher.finalize())
    }

    /// Fields that change how a node is shown or retried, never what it computes.
    static let nonSemanticFields: Set<String> = ["description", "on_error", "retries", "backoff"]

    static func key(
        fingerprint: [UInt8], inputs: [String: JSONValue], model: ResolvedModel?, sampleIndex: Int, salt: String? = nil
    ) -> String {
        var bytes = fingerprint
        bytes.reserveCapacity(128)
        for name in inputs.keys.sorted() {
            bytes.append(contentsOf: name.utf8)
            bytes.append(0)
            inputs[name]!.appendCanonical(to: &bytes)
        }
        if let model {
            bytes.append(contentsOf: "model:\(model.provider):\(model.model)".utf8)
            JSONValue.object(model.parameters).appendCanonical(to: &bytes)
        }
        if sampleIndex != 0 { bytes.append(contentsOf: "sample:\(sampleIndex)".utf8) }
        if let salt { bytes.append(contentsOf: "salt:\(salt)".utf8) }
        return Hex.lowercase(SHA256.hash(data: bytes))
    }
}

extension JSONValue {
    /// A compact, unambiguous binary form for hashing (type tag, then payload).
    func appendCanonical(to bytes: inout [UInt8]) {
        switch self {
        case .null: bytes.append(0x6E)
        case .bool(let b): bytes.append(b ? 0x74 : 0x66)
        case .number(let n):
            bytes.append(0x64)
            withUnsafeBytes(of: n.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        case .string(let s):
            bytes.append(0x73)
            appendLength(s.utf8.count, to: &bytes)
            bytes.append(contentsOf: s.utf8)
        case .array(let items):
            bytes.append(0x61)
            appendLength(items.count, to: &bytes)
            for item in items { item.appendCanonical(to: &bytes) }
        case .object(let dict):
            bytes.append(0x6F)
            appendLength(dict.count, to: &bytes)
            for key in dict.keys.sorted() {
                appendLength(key.utf8.count, to: &bytes)
                bytes.append(contentsOf: key.utf8)
                dict[key]!.appendCanonical(to: &bytes)
            }
        }
    }

    private func appendLength(_ n: Int, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: n).littleEndian) { bytes.append(contentsOf: $0) }
    }
}
