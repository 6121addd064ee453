import Foundation
import Testing

@testable import PatchbayCore

@Suite struct JqProgramTests {
    @Test func fieldAccess() throws {
        let program = try JqProgram.compile(".a")
        #expect(try program.run(["a": 1, "b": 2]) == [1])
        #expect(try program.first(["b": 2]) == .null)
    }

    @Test func mapAndSelect() throws {
        #expect(try JqProgram.compile("map(.+1)").run([1, 2, 3]) == [[2, 3, 4]])
        #expect(try JqProgram.compile("[.[] | .*2]").run([1, 2.5]) == [[2, 5]])
        #expect(
            try JqProgram.compile(".[] | select(.ok) | .name").run([
                ["ok": true, "name": "a"], ["ok": false, "name": "b"], ["ok": true, "name": "c"],
            ]) == ["a", "c"])
    }

    @Test func multipleOutputsAndEmpty() throws {
        let program = try JqProgram.compile(".[]")
        #expect(try program.run(["x", 2, .null]) == ["x", 2, .null])
        #expect(try program.first(["x", 2]) == "x")
        #expect(try JqProgram.compile("empty").run(1) == [])
        #expect(try JqProgram.compile("empty").first(1) == nil)
    }

    @Test func valuesRoundTrip() throws {
        let identity = try JqProgram.compile(".")
        let values: [JSONValue] = [
            .null, true, false, 0, -7, 42, 3.25, 1e300, -0.5, "", "plain",
            "unicode: héllo 日本 🎉 \u{0}nul", "quote \" backslash \\ newline \n",
            [], [:], [1, [2, [3, ["deep": [.null, true]]]]],
            ["nested": ["object": ["with": ["many": "levels"]], "list": [1, "two", 3.5]], "é": "key"],
        ]
        for value in values {
            #expect(try identity.run(value) == [value], "round trip of \(value.compactJSON)")
        }
    }

    @Test func unicodeStringsAreOperatedOnByCharacters() throws {
        #expect(try JqProgram.compile("length").first("日本🎉") == 3)
        #expect(try JqProgram.compile("ascii_upcase + \"·\"").first("héllo") == "HéLLO·")
        #expect(try JqProgram.compile("keys").first(["ü": 1, "a": 2]) == ["a", "ü"])
    }

    @Test func numbersKeepIntegersAndFractions() throws {
        let result = try JqProgram.compile("{sum: (.a + .b), half: (.a / 2), big: 9007199254740991}").first([
            "a": 3, "b": 4,
        ])
        #expect(result == ["sum": 7, "half": 1.5, "big": 9_007_199_254_740_991])
        #expect(result?["sum"]?.intValue == 7)
    }

    @Test func truthiness() throws {
        let length = try JqProgram.compile("length < 5")
        #expect(try length.isTrue("abc"))
        #expect(try !length.isTrue("abcdef"))
        #expect(try !JqProgram.compile("null").isTrue(1))
        #expect(try !JqProgram.compile("empty").isTrue(1))
        #expect(try JqProgram.compile("0").isTrue(1), "0 is true in jq")
        #expect(try JqProgram.compile("\"\"").isTrue(1), "an empty string is true in jq")
        #expect(try JqProgram.compile(".[]").isTrue([true, false]), "only the first result counts")
        #expect(try !JqProgram.compile(".[]").isTrue([false, true]))
    }

    @Test func compileErrorCarriesJqMessage() {
        let syntax = #expect(throws: JqError.self) { try JqProgram.compile(".a |||") }
        let message = syntax?.message ?? ""
        #expect(message.contains("syntax error, unexpected"), "got: \(message)")
        #expect(!message.hasPrefix("jq: error") && !message.contains("compile error"), "got: \(message)")
        let unknown = #expect(throws: JqError.self) { try JqProgram.compile("nosuchfunction(1)") }
        #expect(unknown?.message.contains("nosuchfunction/1 is not defined") == true)
    }

    @Test func compileErrorsAreCachedToo() throws {
        let first = #expect(throws: JqError.self) { try JqProgram.compile("]]oops") }
        let second = #expect(throws: JqError.self) { try JqProgram.compile("]]oops") }
        #expect(first == second)
    }

    @Test func compileIsCachedByText() throws {
        let a = try JqProgram.compile(".cached_by_text")
        let b = try JqProgram.compile(".cached_by_text")
        #expect(a === b)
        #expect(try JqProgram.compile(".cached_by_text ") !== a)
    }

    @Test func runtimeErrorsThrowJqMessage() throws {
        #expect(throws: JqError("boom")) { try JqProgram.compile("error(\"boom\")").run(1) }
        let indexing = #expect(throws: JqError.self) { try JqProgram.compile(".a").run(5) }
        #expect(indexing?.message.hasPrefix("Cannot index number with") == true)
        #expect(throws: JqError(#"{"code":7} (not a string)"#)) { try JqProgram.compile("error({code: 7})").run(.null) }
        // The state is reusable after a failure.
        let program = try JqProgram.compile("if . > 1 then error(\"too big\") else . end")
        #expect(throws: JqError("too big")) { try program.run(2) }
        #expect(try program.run(1) == [1])
    }

    @Test func resultsBeforeAnErrorAreNotReturnedAsSuccess() throws {
        let program = try JqProgram.compile(".[] | if . == 2 then error(\"two\") else . end")
        #expect(throws: JqError("two")) { try program.run([1, 2, 3]) }
        #expect(try program.first([1, 2, 3]) == 1, "first stops before the error")
    }

    @Test func haltStopsAndHaltErrorThrows() throws {
        #expect(try JqProgram.compile("1, halt, 2").run(.null) == [1])
        let failing = try JqProgram.compile("\"bad input\" | halt_error")
        #expect(throws: JqError("bad input")) { try failing.run(.null) }
        #expect(throws: JqError("bad input")) { try failing.run(.null) }
    }

    @Test func environmentIsNotVisibleToPrograms() throws {
        // API keys live in the environment; a graph from elsewhere must not read them.
        #expect(ProcessInfo.processInfo.environment["PATH"] != nil)
        #expect(try JqProgram.compile("env").first(.null) == [:])
        #expect(try JqProgram.compile("$ENV.PATH").first(.null) == .null)
        #expect(try JqProgram.compile("[env.PATH, $ENV.HOME]").first(.null) == [.null, .null])
    }

    @Test func programsKeepTheirOwnDefinitionsCommentsAndBindings() throws {
        #expect(try JqProgram.compile("def twice: . * 2; map(twice)").first([1, 2]) == [2, 4])
        #expect(try JqProgram.compile(". as $x | $x + 1 # trailing comment").first(1) == 2)
        #expect(try JqProgram.compile("\"shadow\" as $ENV | $ENV").first(.null) == "shadow")
        #expect(try JqProgram.compile("1, 2 | . * 10").run(.null) == [10, 20])
        #expect(try JqProgram.compile("$__loc__.line").first(.null) == 1)
    }

    /// The sandbox prefix never shows: not in the text, not in the column (issue 12: the column
    /// replaces jq's echo of the line; callers show the program themselves).
    @Test func compileMessagesShowTheUsersTextOnly() {
        let error = #expect(throws: JqError.self) { try JqProgram.compile("1) | (2") }
        let message = error?.message ?? ""
        #expect(
            message.hasPrefix("syntax error, unexpected `)`") && message.hasSuffix(" at column 2"), "got: \(message)")
        #expect(error?.message.contains("$ENV") == false, "got: \(error?.message ?? "")")
    }

    @Test func debugDoesNotDisturbResults() throws {
        #expect(try JqProgram.compile("debug | . + 1").run(1) == [2])
    }

    @Test func compileAllReportsEachBrokenTextOnce() throws {
        let good = (0..<6).map { ".field\($0) // \($0)" }
        let bad = ["map(", ".a | | .b"]
        let errors = JqProgram.compileAll(Set(good + bad))
        #expect(Set(errors.keys) == Set(bad))
        #expect(errors["map("]?.message.contains("syntax error") == true)
        for text in good {
            #expect(JqProgramCache.shared.lookup(text) != nil, "\(text) is primed in the cache")
        }
        #expect(try JqProgram.compile(good[3]).first([:]) == 3)
    }

    @Test func concurrentEvaluationsOfOneProgram() async throws {
        let program = try JqProgram.compile("{double: (.n * 2), tag: (.s + \"!\")}")
        let tasks = 16
        let perTask = 500
        let failures = await withTaskGroup(of: Int.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var wrong = 0
                    for i in 0..<perTask {
                        let n = task * perTask + i
                        let result = try? program.first(["n": .number(Double(n)), "s": .string("t\(n)")])
                        if result != ["double": .number(Double(2 * n)), "tag": .string("t\(n)!")] { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(failures == 0)
        // States are reused, not compiled per evaluation: at most one per task ever ran at once.
        #expect(program.pooledStates >= 1 && program.pooledStates <= tasks)
    }

    @Test func concurrentCompilesOfTheSameTextShareOneProgram() async throws {
        let text = ".shared_compile_\(UInt32.random(in: 0...UInt32.max))"
        let programs = await withTaskGroup(of: JqProgram?.self) { group in
            for _ in 0..<4 { group.addTask { try? JqProgram.compile(text) } }
            return await group.reduce(into: [JqProgram?]()) { $0.append($1) }
        }
        let cached = try JqProgram.compile(text)
        #expect(programs.allSatisfy { $0 != nil })
        #expect(try cached.first(["shared_compile_x": 1]) == .null)
    }

    @Test("a result nested deeper than parsed JSON may be is an error, not a crash")
    func deepResultsAreRefused() throws {
        let build = { (depth: Int) in try JqProgram.compile("reduce range(\(depth)) as $x (null; [.])") }
        // 512 arrays around null is as deep as JSON input may be.
        let deepest = try #require(try build(JSONParser.maxDepth).first(.null))
        #expect(deepest.compactJSON.count == 4 + 2 * JSONParser.maxDepth)
        for depth in [JSONParser.maxDepth + 1, 200_000] {
            let error = #expect(throws: JqError.self) { try build(depth).run(.null) }
            #expect(error?.message == "the result nests arrays and objects more than 512 levels deep")
        }
        // An error whose value is that deep is named, not read.
        let error = #expect(throws: JqError.self) {
            try JqProgram.compile("reduce range(1000) as $x (null; {a: .}) | error").run(.null)
        }
        #expect(error?.message.contains("too deep to show") == true, "\(error?.message ?? "")")
    }
}
