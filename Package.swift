// swift-tools-version: 6.0
import PackageDescription

// Dependencies point one way: patchbay -> (later: TUI -> Eval/Store/Providers) -> PatchbayCore.
// The core imports no terminal and no HTTP library; it never prints.
let package = Package(
    name: "Patchbay",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "patchbay", targets: ["patchbay"]),
        .library(name: "PatchbayCore", targets: ["PatchbayCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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
        .executableTarget(
            name: "patchbay",
            dependencies: [
                "PatchbayCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Engine benchmarks (release build): the workloads of shared/bench/peers through the real runner.
        .executableTarget(name: "bench", dependencies: ["PatchbayCore"]),
        // Test doubles and helpers shared by every test target; never linked into the product.
        .target(name: "PatchbayTestSupport", dependencies: ["PatchbayCore"]),
        .testTarget(name: "PatchbayCoreTests", dependencies: ["PatchbayCore", "PatchbayTestSupport"]),
        .testTarget(name: "PatchbayCLITests", dependencies: ["PatchbayCore", "PatchbayTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
