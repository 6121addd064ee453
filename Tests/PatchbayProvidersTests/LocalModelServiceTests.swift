import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The local model's lifecycle against the real llama.cpp server. The model must be installed at
/// the default place (`patchbay local install`; scripts/test.sh does it first). Each test runs in
/// a folder of its own that points at that install, so state files and logs stay apart from the
/// user's. Serialized: each server loads the model, and the machine may have two cores.
@Suite(.serialized)
struct LocalModelServiceTests {
    @Test func notInstalledErrorNamesTheInstallCommand() async throws {
        let root = try LocalInstall.scratch("empty")
        let service = LocalModelService(paths: LocalModelPaths(environment: ["XDG_DATA_HOME": root.path]))
        let error = await #expect(throws: LocalModelError.self) { try await service.baseURL() }
        #expect(error?.hint == .installLocalModel, "\(String(describing: error))")
        #expect(error?.description.contains("`patchbay local install`") == true, "\(String(describing: error))")
        #expect(service.childProcessID == nil)
    }

    @Test func pathsFollowXDGDataHome() {
        let paths = LocalModelPaths(environment: ["XDG_DATA_HOME": "/x/data", "HOME": "/home/u"])
        #expect(paths.root.path == "/x/data/patchbay/local")
        #expect(paths.python.path == "/x/data/patchbay/local/venv/bin/python")
        #expect(LocalModelPaths(environment: ["HOME": "/home/u"]).root.path == "/home/u/.local/share/patchbay/local")
    }

    @Test func installingAgainReturnsAtOnce() async throws {
        let paths = try LocalInstall.installedPaths()
        let clock = ContinuousClock()
        let started = clock.now
        let lines = Lines()
        let outcome = try await LocalInstaller(paths: paths).install { lines.append($0) }
        #expect(outcome == .alreadyInstalled(modelPath: paths.modelFile.path))
        #expect(lines.all.contains { $0.contains("already installed") })
        #expect(clock.now - started < .seconds(2))
    }

    @Test func childServerStartsOnceAnswersAndStopsOnShutdown() async throws {
        let service = LocalModelService(paths: try LocalInstall.linkedInstall())
        // Concurrent first calls share one start.
        async let first = service.baseURL()
        async let second = service.baseURL()
        let (url, other) = try await (first, second)
        #expect(url == other)
        #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/v1"))
        let pid = try #require(service.childProcessID)
        #expect(try await service.baseURL() == url)

        let models = try await Self.get(url + "/models")
        #expect(models.status == 200)
        #expect(models.body.contains(LocalModelService.modelName), "\(models.body)")
        // The chat format the GGUF lacks is supplied (`--chat_format gemma`).
        let chat = try await Self.post(
            url + "/chat/completions",
            json: #"{"model":"gemma3-270m","max_tokens":4,"messages":[{"role":"user","content":"Say hi"}]}"#)
        #expect(chat.status == 200, "\(chat.body)")
        #expect(chat.body.contains("\"choices\""))

        await service.shutdown()
        #expect(!LocalInstall.exists(pid), "server pid \(pid) still exists after shutdown")
        #expect(service.childProcessID == nil)
        #expect(await (try? Self.get(url + "/models")) == nil)
    }

    @Test func terminateChildNowKillsAndNextCallStartsAgain() async throws {
        let service = LocalModelService(paths: try LocalInstall.linkedInstall())
        _ = try await service.baseURL()
        let pid = try #require(service.childProcessID)
        service.terminateChildNow()
        #expect(await LocalInstall.waitGone(pid, within: .seconds(2)), "server pid \(pid) survived terminateChildNow")
        let url = try await service.baseURL()
        let restarted = try #require(service.childProcessID)
        #expect(restarted != pid)
        #expect(try await Self.get(url + "/models").status == 200)
        await service.shutdown()
        #expect(!LocalInstall.exists(restarted))
    }

    @Test func longLivedServerStartStatusReuseStop() async throws {
        let paths = try LocalInstall.linkedInstall()
        let service = LocalModelService(paths: paths)
        let (state, wasRunning) = try await service.startLongLived()
        #expect(!wasRunning)
        #expect(LocalServerState.read(paths) == state)

        let status = await service.status()
        #expect(status.installed && status.server == state && status.serverAlive && status.serverAnswering)
        let again = try await service.startLongLived()
        #expect(again.state == state && again.wasRunning)

        // Another process's service uses it instead of starting a child, and leaves it running.
        let user = LocalModelService(paths: paths)
        #expect(try await user.baseURL() == state.baseURL)
        #expect(user.childProcessID == nil)
        await user.shutdown()
        #expect(try await Self.get(state.baseURL + "/models").status == 200)

        #expect(try await service.stopLongLived() == state)
        #expect(!LocalInstall.exists(state.pid), "long-lived pid \(state.pid) still exists after stop")
        #expect(!FileManager.default.fileExists(atPath: paths.stateFile.path))
        let after = await service.status()
        #expect(after.server == nil && !after.serverAnswering)
        #expect(try await service.stopLongLived() == nil)
    }

    /// A parent that dies by SIGKILL gets no chance to stop its server: the kernel closes the
    /// server's lifeline, and the watcher must stop it. Closing the lifeline here does what the
    /// kernel does then (the CLI's spawn-race test kills a real `patchbay` instead).
    @Test func childServerExitsWhenItsLifelineCloses() async throws {
        let paths = try LocalInstall.linkedInstall()
        let record = try #require(LocalInstallRecord.current(paths))
        let server = try LocalServerProcess.launch(
            python: paths.python, modelPath: record.modelPath, mode: .child, port: try LocalServerProcess.freePort(),
            log: paths.childLogFile)
        defer { if LocalInstall.exists(server.pid) { kill(server.pid, SIGKILL) } }
        try await server.waitUntilReady(timeout: .seconds(60))

        server.process.closeLifeline()
        #expect(
            await LocalInstall.waitGone(server.pid, within: .seconds(5)),
            "server pid \(server.pid) outlived its lifeline")
    }

    // MARK: - Helpers

    static func get(_ url: String) async throws -> (status: Int, body: String) {
        try await send(URLRequest(url: URL(string: url)!, timeoutInterval: 5))
    }

    static func post(_ url: String, json: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: 60)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(json.utf8)
        return try await send(request)
    }

    private static func send(_ request: URLRequest) async throws -> (status: Int, body: String) {
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}

private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
