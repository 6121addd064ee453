import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayProviders
import PatchbayStore
import PatchbayTUI

/// `patchbay [GRAPH]`: the workbench. The default command, so `patchbay sample.graph.yaml`
/// opens it.
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the workbench on a graph (the default command: `patchbay GRAPH`).",
        discussion: """
            A graph file that does not exist yet opens empty and is created on the first save. \
            Keys: ? shows them all (docs/keymap.md lists them too); q quits. Preferences ([ui]: \
            theme, ascii, mouse, layout; [keys]: overrides by action id) come from the user config \
            file (`patchbay config path`); user layouts from $XDG_CONFIG_HOME/patchbay/layouts/.
            """)

    @Argument(help: "The graph file (NAME.graph.yaml).")
    var graph: String

    @Option(help: "The layout to open with: default, debug, prompt, or one of yours.")
    var layout: String?

    @OptionGroup(title: "Inputs the run form starts with") var inputs: RunInputOptions

    @Flag(
        help:
            "Trust this graph file for this run (not its sub-graphs: trust those with `patchbay trust FILE`): its command nodes may run programs, it may write outside out/ and include graphs from outside the project."
    )
    var trust = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Console.err(
                "error: the workbench needs a terminal; to run \(graph) without one use `patchbay run \(graph)`")
            throw ExitStatus.invalid.code
        }
        let models = try Models.load(forGraph: graph, options: modelOptions)
        var setup = try Self.setup(graph: graph, layout: layout, trust: trust, models: models)
        let types = Dictionary(
            setup.graph.nodes.filter { $0.kind == .input }.map {
                ($0.id, PortType(rawValue: $0["type"]?.stringValue ?? "any") ?? .any)
            }, uniquingKeysWith: { a, _ in a })
        setup.inputs = try inputs.values(types: types, limits: models.config.limits)
        let status = try await models.using { _ in await Self.runWorkbench(setup) }
        // Whatever the runs queued is committed before the process goes.
        setup.store?.flush()
        if status != 0 { throw ExitCode(status) }
    }

    @MainActor
    static func runWorkbench(_ setup: WorkbenchSetup) async -> Int32 {
        await Workbench(setup).run()
    }

    static func setup(graph path: String, layout: String?, trust: Bool, models: Models) throws -> WorkbenchSetup {
        let environment = ProcessInfo.processInfo.environment
        var graph = Graph()
        var fingerprint: FileFingerprint?
        if FileManager.default.fileExists(atPath: path) {
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let document = try GraphCodec.decode(text, path: path)
                graph = document.graph
                fingerprint = document.fingerprint
            } catch let error as GraphFileError {
                // A file that does not parse cannot be drawn; everything else opens and is shown as problems.
                Console.err(ErrorText.text(error))
                throw ExitStatus.invalid.code
            } catch {
                Console.err("\(path): error: \(ErrorText.text(error))")
                throw ExitStatus.invalid.code
            }
        }
        let interface = models.config.interface
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.config")
        let catalog = LayoutCatalog.load(userDirectory: configHome + "/patchbay/layouts")
        let keys = Keymap.defaults.overriding(interface.keys)
        var notices = catalog.problems + keys.problems
        // Said at once, not only when a run fails: the project config wants to send a key.
        notices += models.config.untrustedKeyUses.values.map(\.summary).sorted()
        let chosenLayout = layout ?? interface.layout ?? "default"
        if catalog.layouts[chosenLayout] == nil { notices.append("no layout `\(chosenLayout)`; using default") }
        let ascii = interface.ascii ?? !Self.localeIsUTF8(environment)
        let projectRoot = ProjectFolder.containing(path)
        var engine = EngineEnvironment(
            models: models.hub, cache: MemoryStepCache(), projectRoot: projectRoot,
            trust: Trust.graphs(flagged: trust ? [path] : []), human: nil, tools: models.tools)
        engine.limits = models.config.limits
        // The project's history: runs made here are stored and listed in the runs pane, and the
        // cache outlives the session. Without it (a read-only folder), a notice and memory only.
        var store: RunStore?
        do {
            let opened = try RunStore.open(projectRoot: projectRoot)
            engine.journal = opened.journal
            engine.cache = opened.cache
            store = opened
        } catch {
            notices.append("run history is off: " + ((error as? RunStoreError)?.message ?? "\(error)"))
        }
        var setup = WorkbenchSetup(
            graph: graph, path: path, fingerprint: fingerprint, environment: engine, modelAliases: models.aliases,
            layouts: catalog.layouts, layoutName: catalog.layouts[chosenLayout] == nil ? "default" : chosenLayout,
            keymap: keys.keymap, theme: Theme.resolve(name: interface.theme, environment: environment),
            glyphs: ascii ? .ascii : .unicode, mouse: interface.mouse ?? false, notices: notices, store: store)
        setup.evalDefaults = EvalDefaults(config: models.config)
        setup.createsFile = !FileManager.default.fileExists(atPath: path)
        setup.localModelStarts = models.local.starts
        return setup
    }

    /// Box drawing needs a UTF-8 terminal; without one (LANG=C), ASCII is the safe picture.
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let locale =
            environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["LC_CTYPE"].flatMap {
                $0.isEmpty ? nil : $0
            } ?? environment["LANG"] ?? ""
        return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
    }
}
