// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: patchbay -> PatchbayTUI, PatchbayProviders -> PatchbayCore.
// The core imports no terminal and no HTTP library; it never prints.
let package = Package(
    name: "Patchbay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "patchbay", targets: ["patchbay"]),
        .library(name: "PatchbayCore", targets: ["PatchbayCore"]),
        .library(name: "PatchbayTUI", targets: ["PatchbayTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // Named only for NIOHTTPCompression's decompression limit, which AsyncHTTPClient takes.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The official MCP SDK (its client, stdio and HTTP transports); pinned: 0.x may break on minors.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // FileDescriptor, which the SDK's stdio transport takes (a server's pipes); the SDK's own dependency.
        .package(url: "https://github.com/apple/swift-system.git", from: "1.0.0"),
        // Logger, which the SDK's Transport protocol names (PatchbayMCP's SSE-decoding transport).
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        // The only C bridge to libjq (Debian's libjq-dev): see shim.h.
        .systemLibrary(name: "CJq", path: "Sources/CJq"),
        .target(
            name: "PatchbayCore",
            dependencies: [
                "CJq",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Model back ends (OpenAI-compatible, Anthropic, the bundled local model) and their config.
        .target(
            name: "PatchbayProviders",
            dependencies: [
                "PatchbayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Run history, the persistent step cache and eval results: SQLite (WAL) through GRDB, in
        // the project's `.patchbay/` folder.
        .target(
            name: "PatchbayStore",
            dependencies: ["PatchbayCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // Evaluation: cases, checks, repeats, variants, statistics and reports. Pure: it runs
        // graphs through the engine and never touches storage or the terminal.
        .target(name: "PatchbayEval", dependencies: ["PatchbayCore", .product(name: "Yams", package: "Yams")]),
        // How Patchbay says things (numbers, rates, stored records of reports), for the CLI and the
        // workbench alike: no terminal, no printing.
        .target(name: "PatchbayPresentation", dependencies: ["PatchbayCore", "PatchbayStore", "PatchbayEval"]),
        // Tool servers over MCP (the official SDK): the engine's `ToolProvider`, servers started
        // lazily per run and stopped with it. The only module that imports MCP.
        .target(
            name: "PatchbayMCP",
            dependencies: [
                "PatchbayCore", "PatchbayProviders", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The only C bridge to ncursesw (Debian's libncurses-dev): see shim.h.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The workbench: a pure UI core (state, reduce, widgets drawing into a cell buffer) and
        // one ncurses backend. Model back ends come in from the executable as a `ModelProvider`.
        .target(
            name: "PatchbayTUI",
            dependencies: [
                "PatchbayCore", "PatchbayStore", "PatchbayEval", "PatchbayPresentation", "CNcursesw",
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "patchbay",
            dependencies: [
                "PatchbayCore",
                "PatchbayProviders",
                "PatchbayMCP",
                "PatchbayTUI",
                "PatchbayStore",
                "PatchbayEval",
                "PatchbayPresentation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Engine benchmarks (release build): the workloads of shared/bench/peers through the real runner.
        .executableTarget(
            name: "bench",
            dependencies: [
                "PatchbayCore", "PatchbayProviders", "PatchbayTUI", "PatchbayStore", "PatchbayEval",
                "PatchbayTestSupport",
            ]),
        // libFuzzer targets (scripts/fuzz.sh builds them with -sanitize=fuzzer -DFUZZING in
        // .build/fuzz); a normal build replays inputs given as arguments.
        .executableTarget(name: "fuzz-graph", dependencies: ["PatchbayCore"]),
        .executableTarget(name: "fuzz-cases", dependencies: ["PatchbayCore", "PatchbayEval"]),
        // Test doubles and helpers shared by every test target; never linked into the product.
        // The fault-injecting loopback server lives here: network-edge doubles only.
        .target(
            name: "PatchbayTestSupport",
            dependencies: [
                "PatchbayCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "PatchbayCoreTests", dependencies: ["PatchbayCore", "PatchbayTestSupport"]),
        .testTarget(
            name: "PatchbayProvidersTests", dependencies: ["PatchbayCore", "PatchbayProviders", "PatchbayTestSupport"]),
        .testTarget(
            name: "PatchbayTUITests",
            dependencies: [
                "PatchbayTUI", "PatchbayCore", "PatchbayStore", "PatchbayEval", "PatchbayPresentation",
                "PatchbayTestSupport",
            ],
            exclude: ["__Snapshots__"]),
        .testTarget(
            name: "PatchbayStoreTests", dependencies: ["PatchbayStore", "PatchbayCore", "PatchbayTestSupport"]),
        .testTarget(name: "PatchbayEvalTests", dependencies: ["PatchbayEval", "PatchbayCore", "PatchbayTestSupport"]),
        .testTarget(
            name: "PatchbayPresentationTests",
            dependencies: ["PatchbayPresentation", "PatchbayCore", "PatchbayEval", "PatchbayStore"]),
        .testTarget(
            name: "PatchbayMCPTests",
            dependencies: ["PatchbayMCP", "PatchbayCore", "PatchbayProviders", "PatchbayTestSupport"],
            // Python MCP servers the tests start.
            exclude: ["Fixtures"]),
        .testTarget(
            name: "PatchbayCLITests", dependencies: ["PatchbayCore", "PatchbayProviders", "PatchbayTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// A file sees only the members of modules it imports itself (SE-0444): a dependency that works
// only because another file of the module imported it is an error, not a silent leak. Warnings
// are errors in our own targets (not in dependencies), so the build stays clean.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("MemberImportVisibility"), .unsafeFlags(["-warnings-as-errors"]),
        ]
}
