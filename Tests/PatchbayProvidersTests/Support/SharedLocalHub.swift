import Foundation
import PatchbayCore
import Synchronization
import Testing

@testable import PatchbayProviders

/// One `ProviderHub` over the built-in config and one child model server for a whole suite, built
/// the way the CLI builds its own (`Models.load`): starting a server takes seconds, so the suite's
/// tests share it. The server runs over a linked install with no state file, so it is always a
/// child of this process, never a long-lived server someone else started; it is stopped when the
/// suite ends, and its wrapper's parent watchdog stops it if the test process dies first.
final class SharedLocalHub: Sendable {
    let service: LocalModelService
    let hub: ProviderHub

    @TaskLocal static var current: Result<SharedLocalHub, any Error>?

    private init(paths: LocalModelPaths) {
        service = LocalModelService(paths: paths)
        hub = ProviderHub(config: .builtIn, environment: [:], local: service)
    }

    /// The suite's hub; throws the missing-install error (with the install command) in every test.
    static func get() throws -> SharedLocalHub {
        guard let current else {
            throw LocalModelError("no shared hub here: add the `.sharedLocalHub` trait to the suite")
        }
        return try current.get()
    }

    /// Runs one request through the `default` alias, as an llm node does.
    func complete(_ request: ModelRequest, onToken: @escaping @Sendable (String) -> Void = { _ in }) async throws
        -> ModelResponse
    {
        try await hub.complete(request, model: try hub.resolve(alias: "default"), onToken: onToken)
    }

    fileprivate static func make() -> Result<SharedLocalHub, any Error> {
        Result { SharedLocalHub(paths: try LocalInstall.linkedInstall()) }
    }

    /// Stops the child server and checks that it is gone; a survivor is killed and reported.
    fileprivate func shutdown() async throws {
        let pid = service.childProcessID
        await hub.shutdown()
        guard let pid, await !LocalInstall.waitGone(pid, within: .seconds(5)) else { return }
        kill(pid, SIGKILL)
        throw LocalModelError("the suite's local model server (pid \(pid)) outlived hub.shutdown(); it was killed")
    }
}

/// Gives a suite one `SharedLocalHub` for all its tests and shuts it down after the last one.
struct SharedLocalHubTrait: SuiteTrait, TestScoping {
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let shared = SharedLocalHub.make()
        do {
            try await SharedLocalHub.$current.withValue(shared) { try await function() }
        } catch {
            try? await shared.get().shutdown()
            throw error
        }
        if case .success(let hub) = shared { try await hub.shutdown() }
    }
}

extension Trait where Self == SharedLocalHubTrait {
    static var sharedLocalHub: Self { Self() }
}

/// Token deltas with the moment each arrived, recorded from `onToken`.
final class DeltaRecorder: Sendable {
    private let deltas = Mutex<[(at: ContinuousClock.Instant, text: String)]>([])

    func record(_ text: String) {
        let now = ContinuousClock.now
        deltas.withLock { $0.append((now, text)) }
    }

    var count: Int { deltas.withLock { $0.count } }
    var joined: String { deltas.withLock { $0.map(\.text).joined() } }
    var firstAt: ContinuousClock.Instant? { deltas.withLock { $0.first?.at } }
}
