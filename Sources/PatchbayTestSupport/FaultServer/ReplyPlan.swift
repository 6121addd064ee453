import Foundation

/// The answer one request gets: the behaviour's tokens cut at the first stop string and at
/// `max_tokens`, as a model would stop, and why it stopped.
struct ReplyPlan: Sendable {
    enum Finish: Sendable, Equatable {
        case endOfReply
        case stopSequence(String)
        case maxTokens
    }

    var tokens: [String]
    /// Calls that follow the text (a scripted turn's); always sent whole, whatever the limits.
    var toolCalls: [FaultServer.ToolCallScript] = []
    var interleaved = false
    var finish: Finish
    var inputTokens: Int
    var outputTokens: Int

    var text: String { tokens.joined() }

    init(behaviour: FaultServer.Behaviour, turn: FaultServer.Turn? = nil, maxTokens: Int?, stops: [String]) {
        var tokens = turn.map { $0.tokens ?? FaultServer.Behaviour.words($0.text) } ?? behaviour.replyTokens
        var finish = Finish.endOfReply
        if let (prefixLength, stop) = Self.firstStop(in: tokens.joined(), stops: stops) {
            tokens = Self.tokens(tokens, cutAt: prefixLength)
            finish = .stopSequence(stop)
        }
        if let maxTokens, tokens.count > maxTokens {
            tokens = Array(tokens.prefix(max(0, maxTokens)))
            finish = .maxTokens
        }
        self.tokens = tokens
        self.finish = finish
        toolCalls = turn?.toolCalls ?? []
        interleaved = turn?.interleaved ?? false
        inputTokens = behaviour.usageOverride?.input ?? 5
        outputTokens = behaviour.usageOverride?.output ?? tokens.count + toolCalls.reduce(0) { $0 + $1.fragments.count }
    }

    /// The earliest stop string in `text`: how many unicode scalars come before it, and which.
    private static func firstStop(in text: String, stops: [String]) -> (Int, String)? {
        var best: (index: String.Index, stop: String)?
        for stop in stops where !stop.isEmpty {
            guard let range = text.range(of: stop) else { continue }
            if let earlier = best, earlier.index <= range.lowerBound { continue }
            best = (range.lowerBound, stop)
        }
        guard let best else { return nil }
        return (text.unicodeScalars[..<best.index].count, best.stop)
    }

    /// The tokens whose concatenation is the first `length` unicode scalars of theirs; the token
    /// the cut falls in keeps its part before the cut.
    private static func tokens(_ tokens: [String], cutAt length: Int) -> [String] {
        var remaining = length
        var kept: [String] = []
        for token in tokens where remaining > 0 {
            let scalars = token.unicodeScalars
            if scalars.count <= remaining {
                kept.append(token)
                remaining -= scalars.count
            } else {
                kept.append(String(String.UnicodeScalarView(scalars.prefix(remaining))))
                remaining = 0
            }
        }
        return kept
    }
}
