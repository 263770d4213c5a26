// swift-tools-version: 6.1
import PackageDescription

// Imports point one way: Core <- Config, Policy, State, Backend <- Engine; Backend <- Simulator, QueryAPI (<- CCurl, TOTP),
// Conformance (<- TOTP); Policy, Simulator, QueryAPI <- Server (iamconf serve's request handling; the SigV4 steps are
// QueryAPI's, shared by signer and verifier) <- ServerHTTP (SwiftNIO); all of them <- Operations <- CLI <- iamconf. The backends never
// import the planner, only Operations imports the backends, and Server never imports Operations or the CLI.
let package = Package(
    name: "iamconf",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "iamconf", targets: ["iamconf"]),
        .executable(name: "iamconf-bench", targets: ["iamconf-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // iamconf serve's HTTP transport (docs/serve.md: why NIO, and what it costs to build).
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        // A state kept in PostgreSQL (docs/state-stores.md: what it costs to build).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .target(name: "IAMConfCore", exclude: ["README.md"]),
        .target(
            name: "IAMConfPolicy",
            dependencies: ["IAMConfCore"],
            // The catalogs are compiled in (Catalog/ManagedPolicyCatalog+Bundled.swift, Actions/ActionCatalog+Bundled.swift), not a
            // resource: a resource bundle must sit beside the executable, which an installed binary lacks.
            exclude: ["README.md", "Resources/aws-managed-policies.json", "Resources/aws-action-catalog.txt"]
        ),
        .target(
            name: "IAMConfConfig",
            dependencies: ["IAMConfCore", "IAMConfPolicy", .product(name: "Yams", package: "Yams")],
            exclude: ["README.md"]
        ),
        .target(name: "IAMConfState", dependencies: ["IAMConfCore"], exclude: ["README.md"]),
        // The backend contract: what the engine asks of a backend, and what a backend may answer.
        .target(name: "IAMConfBackend", dependencies: ["IAMConfCore"], exclude: ["README.md"]),
        .target(
            name: "IAMConfEngine", dependencies: ["IAMConfCore", "IAMConfPolicy", "IAMConfState", "IAMConfBackend"],
            exclude: ["README.md", "Rendering/README.md"]
        ),
        .target(
            name: "IAMConfSimulator", dependencies: ["IAMConfCore", "IAMConfPolicy", "IAMConfBackend"],
            exclude: ["README.md"]
        ),
        // RFC 6238 codes of virtual MFA devices: computed by the endpoint backend and the conformance suite, checked by serve.
        .target(name: "IAMConfTOTP", dependencies: [.product(name: "Crypto", package: "swift-crypto")], exclude: ["README.md"]),
        .target(name: "IAMConfConformance", dependencies: ["IAMConfCore", "IAMConfBackend", "IAMConfTOTP"]),
        // A state kept in PostgreSQL: one row per state object, an advisory lock per state.
        .target(
            name: "IAMConfPostgresState",
            dependencies: [
                "IAMConfCore", "IAMConfState", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        // libcurl through dlopen, so that iamconf links neither FoundationNetworking nor curl (start-up time).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(
            name: "IAMConfQueryAPI",
            dependencies: ["CCurl", "IAMConfCore", "IAMConfBackend", "IAMConfTOTP", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["README.md"]
        ),
        // `iamconf serve`'s request handling as values (ServerRequest -> ServerResponse): SigV4 verification,
        // authorization by the policy engine, IAM/STS/S3 on the simulator. No sockets, no state, no CLI.
        .target(
            name: "IAMConfServer",
            dependencies: [
                "IAMConfCore", "IAMConfPolicy", "IAMConfBackend", "IAMConfSimulator", "IAMConfQueryAPI", "IAMConfTOTP",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        // The thin HTTP/1.1 transport under IAMConfServer.
        .target(
            name: "IAMConfServerHTTP",
            dependencies: [
                "IAMConfServer", "IAMConfQueryAPI", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["README.md"]
        ),
        // Plan, apply, refresh, import as values reporting to an observer; the one place that knows both backends.
        .target(
            name: "IAMConfOperations",
            dependencies: [
                "IAMConfCore", "IAMConfConfig", "IAMConfPolicy", "IAMConfState", "IAMConfBackend", "IAMConfEngine",
                "IAMConfSimulator", "IAMConfQueryAPI", "IAMConfServer", "IAMConfTOTP", "IAMConfPostgresState",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["README.md"]
        ),
        .target(
            name: "IAMConfCLI",
            dependencies: [
                "IAMConfCore", "IAMConfConfig", "IAMConfPolicy", "IAMConfState", "IAMConfEngine", "IAMConfOperations",
                "IAMConfServer", "IAMConfServerHTTP", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(name: "iamconf", dependencies: ["IAMConfCLI"]),
        // Test helpers shared by several test targets (the moto_server launcher); no `import Testing`.
        .target(name: "IAMConfTestSupport", exclude: ["README.md"]),
        .executableTarget(
            name: "iamconf-bench",
            dependencies: ["IAMConfCore", "IAMConfPolicy", "IAMConfConfig", "IAMConfState", "IAMConfEngine", "IAMConfSimulator"]
        ),

        .testTarget(name: "IAMConfCoreTests", dependencies: ["IAMConfCore"]),
        .testTarget(name: "IAMConfPolicyTests", dependencies: ["IAMConfPolicy"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IAMConfConfigTests", dependencies: ["IAMConfConfig"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IAMConfStateTests", dependencies: ["IAMConfState"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IAMConfEngineTests", dependencies: ["IAMConfBackend", "IAMConfEngine", "IAMConfConfig", "IAMConfPolicy"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "IAMConfSimulatorTests", dependencies: ["IAMConfBackend", "IAMConfEngine", "IAMConfSimulator", "IAMConfConformance"]),
        .testTarget(
            name: "IAMConfQueryAPITests",
            dependencies: ["IAMConfBackend", "IAMConfEngine", "IAMConfQueryAPI", "IAMConfConformance", "IAMConfTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "IAMConfServerTests",
            dependencies: ["IAMConfBackend", "IAMConfCore", "IAMConfQueryAPI", "IAMConfServer", "IAMConfSimulator", "IAMConfTOTP"]
        ),
        .testTarget(
            name: "IAMConfServerHTTPTests",
            dependencies: [
                "IAMConfBackend", "IAMConfConformance", "IAMConfPolicy", "IAMConfQueryAPI", "IAMConfServer", "IAMConfServerHTTP",
                "IAMConfSimulator",
            ]
        ),
        .testTarget(
            name: "IAMConfCLITests",
            dependencies: [
                "IAMConfCLI", "IAMConfOperations", "IAMConfCore", "IAMConfConfig", "IAMConfState", "IAMConfBackend", "IAMConfEngine",
                "IAMConfPolicy", "IAMConfSimulator", "IAMConfTestSupport", "IAMConfTOTP",
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "IAMConfOperationsTests",
            dependencies: ["IAMConfCore", "IAMConfState", "IAMConfEngine", "IAMConfOperations", "IAMConfTestSupport"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
