import Foundation

/// Replaces configured secrets (API keys, URL credentials) in text with `••••` before it leaves
/// the process or enters the store. Front ends build one from the model config; the engine
/// applies it where steps are recorded.
///
/// Values shorter than `minimumLength` are not masked in free text: masking every `pw` would
/// mangle ordinary output and hides nothing (URLs are redacted by structure instead).
public struct SecretMasker: Sendable, Hashable {
    public static let minimumLength = 6
    public static let mask = "••••"
    public static let none = SecretMasker(secrets: [])

    /// Longest first, so a secret that contains another is masked whole.
    public let secrets: [String]
    /// Exact texts shown another way whatever their length: a URL with credentials becomes the
    /// URL without them. Applied before `secrets`.
    public let replacements: [Replacement]

    public struct Replacement: Sendable, Hashable {
        public var text: String
        public var shownAs: String

        public init(_ text: String, shownAs: String) {
            self.text = text
            self.shownAs = shownAs
        }
    }

    public init(secrets: some Sequence<String>, replacements: [Replacement] = []) {
        let kept = Set(secrets.filter { $0.count >= Self.minimumLength })
        self.secrets = kept.sorted { $0.utf8.count != $1.utf8.count ? $0.utf8.count > $1.utf8.count : $0 < $1 }
        self.replacements = Array(Set(replacements.filter { !$0.text.isEmpty && $0.text != $0.shownAs }))
            .sorted { $0.text.utf8.count > $1.text.utf8.count }
        shortest = (self.secrets.map(\.utf8.count) + self.replacements.map(\.text.utf8.count)).min() ?? .max
    }

    /// Bytes in the shortest text searched for: shorter strings (most port names and values in a
    /// big map) are passed over without a search.
    private let shortest: Int

    public var isEmpty: Bool { secrets.isEmpty && replacements.isEmpty }

    public func mask(_ text: String) -> String {
        guard !isEmpty, needsMasking(text) else { return text }
        var text = text
        for replacement in replacements where text.contains(replacement.text) {
            text = text.replacingOccurrences(of: replacement.text, with: replacement.shownAs)
        }
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: Self.mask)
        }
        return text
    }

    func needsMasking(_ text: String) -> Bool {
        guard text.utf8.count >= shortest else { return false }
        return replacements.contains { text.contains($0.text) } || secrets.contains { text.contains($0) }
    }

    func needsMasking(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): needsMasking(s)
        case .array(let items): items.contains(where: needsMasking)
        case .object(let fields): fields.contains { needsMasking($0.key) || needsMasking($0.value) }
        case .null, .bool, .number: false
        }
    }

    func needsMasking(_ values: [String: JSONValue]) -> Bool {
        values.contains { needsMasking($0.key) || needsMasking($0.value) }
    }

    public func mask(_ value: JSONValue) -> JSONValue {
        guard !isEmpty, needsMasking(value) else { return value }
        return maskValue(value)
    }

    /// The same dictionary, untouched, when nothing in it needs masking.
    public func mask(_ values: [String: JSONValue]) -> [String: JSONValue] {
        guard !isEmpty, needsMasking(values) else { return values }
        return Dictionary(uniqueKeysWithValues: values.map { (mask($0.key), maskValue($0.value)) })
    }

    public func mask(_ error: StepError) -> StepError {
        guard !isEmpty else { return error }
        return StepError(message: mask(error.message), hint: error.hint?.mapText(mask))
    }

    public func mask(_ error: ModelError) -> ModelError {
        guard !isEmpty else { return error }
        return ModelError(mask(error.message), hint: error.hint?.mapText(mask))
    }

    private func maskValue(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): .string(mask(s))
        case .array(let items): .array(items.map(maskValue))
        case .object(let fields):
            .object(Dictionary(uniqueKeysWithValues: fields.map { (mask($0.key), maskValue($0.value)) }))
        case .null, .bool, .number: value
        }
    }

    /// How many characters at the end of `text` could begin a secret: a stream holds them back
    /// until the next piece shows whether the secret follows.
    public func pendingSuffixLength(of text: String) -> Int {
        var best = 0
        for secret in secrets {
            let limit = min(secret.count - 1, text.count)
            guard limit > best else { continue }
            for length in stride(from: limit, to: best, by: -1) where secret.hasPrefix(text.suffix(length)) {
                best = length
                break
            }
        }
        return best
    }
}
