// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "invsyncd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "invsyncd", targets: ["invsyncd"]),
        .executable(name: "invsyncctl", targets: ["invsyncctl"]),
        .executable(name: "spapi-sandbox", targets: ["spapi-sandbox"]),
        .executable(name: "invsync-bench", targets: ["invsync-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", exact: "1.1.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", exact: "1.5.0"),
    ],
    targets: [
        // The domain: pure values and policies, no I/O.
        .target(name: "Inventory"),
        // sqlite3_config, which is variadic, for the store (the same system libsqlite3 that GRDB links).
        .target(name: "CSQLiteSettings", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "InventoryStore",
            dependencies: [
                "Inventory",
                "CSQLiteSettings",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SellingPartner",
            dependencies: [
                "Inventory",
                .product(name: "Logging", package: "swift-log"),
                // Report and feed documents arrive gzip-compressed when `compressionAlgorithm` says so.
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "CurlTransport", dependencies: ["SellingPartner", "CCurl"]),
        .target(name: "CSchedulerSlice"),
        .target(
            name: "Varlink",
            dependencies: [
                "CSchedulerSlice",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "InvSyncInterface",
            dependencies: ["Varlink"],
            resources: [
                .embedInCode("io.invsync.Daemon.varlink"),
                .embedInCode("io.invsync.Channels.varlink"),
                .embedInCode("io.invsync.Sync.varlink"),
                .embedInCode("io.invsync.Inventory.varlink"),
                .embedInCode("io.invsync.Privacy.varlink"),
            ]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "Systemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SyncEngine",
            dependencies: [
                "Inventory", "InventoryStore", "SellingPartner",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Daemon",
            dependencies: [
                "Inventory", "InventoryStore", "SellingPartner", "CurlTransport", "Varlink",
                "InvSyncInterface", "Systemd", "SyncEngine",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "SellerCentralSandbox",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .executableTarget(
            name: "invsyncd",
            dependencies: ["Daemon", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "invsyncctl",
            dependencies: [
                "InvSyncInterface", "Varlink",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "spapi-sandbox",
            dependencies: [
                "SellerCentralSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: measurements with targets, written to BENCHMARKS.md (never timing asserts in tests).
        .executableTarget(
            name: "invsync-bench",
            dependencies: [
                "SellingPartner", "CurlTransport", "SyncEngine", "InventoryStore", "Inventory", "Varlink", "InvSyncInterface",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/InvsyncBench"
        ),

        // Test support: the in-process sandbox and clients of it, shared by the test targets that talk to it.
        .target(
            name: "SandboxHarness",
            dependencies: ["SellerCentralSandbox", "SellingPartner", "CurlTransport"],
            path: "Tests/SandboxHarness"
        ),

        .testTarget(name: "InventoryTests", dependencies: ["Inventory"]),
        .testTarget(name: "InventoryStoreTests", dependencies: ["InventoryStore", "Inventory"]),
        .testTarget(name: "VarlinkTests", dependencies: ["Varlink"]),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd"]),
        .testTarget(
            name: "SellingPartnerTests",
            // The sandbox runs in-process as the real HTTP peer of the end-to-end tests.
            dependencies: ["SellingPartner", "CurlTransport", "SellerCentralSandbox", "SandboxHarness"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "SellerCentralSandboxTests", dependencies: ["SellerCentralSandbox"]),
        .testTarget(
            name: "SyncEngineTests",
            // Scenario tests run the engine against the real sandbox over libcurl and a real SQLite file.
            dependencies: ["SyncEngine", "InventoryStore", "Inventory", "SellingPartner", "CurlTransport", "SellerCentralSandbox", "SandboxHarness"]
        ),
        .testTarget(name: "DaemonTests", dependencies: ["Daemon", "InvSyncInterface", "Varlink"]),
    ],
    swiftLanguageModes: [.v6]
)
