import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Sends actions to the workbench's reducer and asserts the exact change, as TCA's `TestStore`
/// does: a test states what each action changes, and any other change fails it, naming the
/// fields that differ. The effects of every send are compared too (none unless given).
///
/// The status-line message is wording, not state: it is left out of the comparison unless a
/// test says the wording is what it checks (`checksMessages`). A test that only needs to know
/// the workbench said something, and how loudly, passes `says: .warning`; that is how refusals
/// are tested (nothing changes, no effect, a warning or error is shown).
struct TestStore {
    private(set) var state: AppState
    var checksMessages: Bool

    init(_ state: AppState, checksMessages: Bool = false) {
        self.state = state
        self.checksMessages = checksMessages
    }

    /// Reduces `action`; `change` edits a copy of the state before it into the state expected
    /// after it.
    mutating func send(
        _ action: Action, effects expectedEffects: [Effect] = [], says level: MessageLevel? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation, _ change: (inout AppState) -> Void = { _ in }
    ) {
        var expected = state
        change(&expected)
        let before = state.message
        let effects = AppReducer.reduce(&state, action)
        check(expected, action: action, sourceLocation: sourceLocation)
        #expect(effects == expectedEffects, "effects of \(action)", sourceLocation: sourceLocation)
        if let level {
            #expect(state.message != before, "\(action) says nothing new", sourceLocation: sourceLocation)
            #expect(state.message?.level == level, "level of what \(action) says", sourceLocation: sourceLocation)
        }
    }

    /// Presses keys one at a time, each as its own send with no change of its own expected;
    /// `change` states what all of them change together, and `effects` what they ask for.
    mutating func press(
        _ keys: Key..., effects expectedEffects: [Effect] = [], says level: MessageLevel? = nil,
        sourceLocation: Testing.SourceLocation = #_sourceLocation, _ change: (inout AppState) -> Void = { _ in }
    ) {
        var expected = state
        change(&expected)
        let before = state.message
        let effects = keys.flatMap { AppReducer.reduce(&state, .key($0)) }
        check(expected, action: .key(keys.last ?? .escape), sourceLocation: sourceLocation)
        #expect(effects == expectedEffects, "effects of \(keys)", sourceLocation: sourceLocation)
        if let level {
            #expect(state.message != before, "\(keys) says nothing new", sourceLocation: sourceLocation)
            #expect(state.message?.level == level, "level of what \(keys) say", sourceLocation: sourceLocation)
        }
    }

    /// Lets a test set up state the store then starts from (fixtures, a fake clock).
    mutating func setUp(_ change: (inout AppState) -> Void) { change(&state) }

    private func check(_ expected: AppState, action: Action, sourceLocation: Testing.SourceLocation) {
        var expected = expected
        if !checksMessages { expected.message = state.message }
        guard state != expected else { return }
        let fields = Self.differingFields(expected, state)
        Issue.record(
            "after \(action), state differs from what was expected in: \(fields.joined(separator: ", "))",
            sourceLocation: sourceLocation)
    }

    /// Top-level fields of `AppState` that differ, with both values, for a readable failure.
    static func differingFields(_ a: AppState, _ b: AppState) -> [String] {
        zip(Mirror(reflecting: a).children, Mirror(reflecting: b).children).compactMap { left, right in
            let (l, r) = (String(describing: left.value), String(describing: right.value))
            guard l != r else { return nil }
            return "\(left.label ?? "?") (expected \(l.prefix(200)), got \(r.prefix(200)))"
        }
    }
}
