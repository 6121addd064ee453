import Foundation
import Testing

@testable import PatchbayCore

/// Regex searches on text from models and files stop at a time limit instead of backtracking
/// for hours.
@Suite struct RegexTimeLimitTests {
    static let catastrophic = "(.*a){25}$"
    static let text = String(repeating: "a", count: 45) + "b"

    @Test("a pattern that backtracks for minutes is stopped at the limit, with a message that says why")
    func backtrackingIsStopped() throws {
        let regex = try NSRegularExpression(pattern: Self.catastrophic)
        let start = ContinuousClock.now
        let error = #expect(throws: RegexTimeLimitError.self) {
            try regex.hasMatch(in: Self.text, limit: .milliseconds(300))
        }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "stopped after \(elapsed)")
        #expect(error?.cancelled == false)
        #expect(
            error?.description.hasPrefix("/(.*a){25}$/ took more than 0.3 seconds on 46 characters and was stopped")
                == true, "\(error?.description ?? "")")
    }

    @Test func ordinarySearchesAnswerAsBefore() throws {
        let big = String(repeating: "lorem ipsum ", count: 100_000) + "Paris"
        #expect(try NSRegularExpression(pattern: "P[a-z]+s$").hasMatch(in: big))
        #expect(try !NSRegularExpression(pattern: "^Paris").hasMatch(in: big))
        #expect(try NSRegularExpression(pattern: "^$").hasMatch(in: ""))
    }

    @Test("a cancelled task's search stops at once")
    func cancellationStopsTheSearch() async throws {
        let regex = try NSRegularExpression(pattern: Self.catastrophic)
        let task = Task { () -> RegexTimeLimitError? in
            do throws(RegexTimeLimitError) {
                _ = try regex.hasMatch(in: Self.text)
                return nil
            } catch { return error }
        }
        try await Task.sleep(for: .milliseconds(200))
        let start = ContinuousClock.now
        task.cancel()
        let error = await task.value
        #expect(error?.cancelled == true)
        #expect(ContinuousClock.now - start < .seconds(3))
    }
}
