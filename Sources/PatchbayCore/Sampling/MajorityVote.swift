import Foundation

/// The most common of several answers to one request (`samples: N`, `vote: majority`).
///
/// Texts are compared trimmed and case-folded (` Positive.` and `positive.` agree), JSON by
/// value (key order does not matter). A tie goes to the answer that came first, by sample
/// index, so the same samples always elect the same winner.
enum MajorityVote {
    enum Ballot: Hashable, Sendable {
        case text(String)
        case json(JSONValue)
    }

    static func ballot(text: String, json: JSONValue?) -> Ballot {
        if let json { return .json(json) }
        return .text(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
    }

    /// The index of the winning group's first ballot, and how many ballots the group has.
    /// `ballots` must not be empty.
    static func winner(_ ballots: [Ballot]) -> (index: Int, votes: Int) {
        var votes: [Ballot: Int] = [:]
        var first: [Ballot: Int] = [:]
        for (index, ballot) in ballots.enumerated() {
            votes[ballot, default: 0] += 1
            if first[ballot] == nil { first[ballot] = index }
        }
        let best = votes.max { a, b in
            a.value != b.value ? a.value < b.value : first[a.key]! > first[b.key]!
        }!
        return (first[best.key]!, best.value)
    }
}
