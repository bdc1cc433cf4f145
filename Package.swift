// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "asodesk",
    products: [
        .executable(name: "asodesk", targets: ["asodesk"]),
        .executable(name: "asodesk-bench", targets: ["asodesk-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure domain: complaints, lifecycle, roles, validation, calendar, SLA and legal clocks.
        // No I/O; every function that needs "now" takes it as a parameter.
        .target(name: "AsodeskDomain"),
        // The append-only, checksummed, hash-chained log file. Knows bytes, not complaints.
        .target(
            name: "AsodeskLog",
            dependencies: ["CAsodeskChecksum", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // CRC-32C with the CPU's crc32 instruction (SSE4.2); AsodeskLog falls back to a table without it.
        .target(name: "CAsodeskChecksum"),
        // Application layer: event encoding, replay into state, commands, config, procedures, demo.
        .target(
            name: "AsodeskApp",
            dependencies: [
                "AsodeskDomain", "AsodeskLog", "AsodeskScreen",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Sources/AsodeskApp/Themes links to the top-level Themes/, the one place the theme files
            // live. `.process` follows the link (`.copy` would copy the link itself) and puts the
            // theme files at the top of the resource bundle.
            resources: [.copy("Procedures"), .copy("LetterTemplates"), .process("Themes")]
        ),
        // A plain grid of styled cells, display widths and themes: what views draw into. No terminal.
        .target(name: "AsodeskScreen", dependencies: ["AsodeskDomain"]),
        // The dashboard: its state, the update loop, the key-binding table and the views.
        .target(name: "AsodeskDashboard", dependencies: ["AsodeskApp", "AsodeskDomain", "AsodeskLog", "AsodeskScreen", "AsodeskPDF"]),
        // The C library, reached only through AsodeskTerminal.
        .systemLibrary(name: "CNcursesw", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // The one ncurses backend: draws cell buffers, reads keys, runs the loop on the main actor.
        .target(name: "AsodeskTerminal", dependencies: ["CNcursesw", "AsodeskDashboard", "AsodeskScreen", "AsodeskApp", "AsodeskLog"]),
        // Pango and cairo from Debian, reached only through AsodeskPDF.
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]),
        // The customer's letters as A4 PDF: letterhead, page numbers, text that pdftotext gives back.
        .target(name: "AsodeskPDF", dependencies: ["CPangoCairo", "AsodeskApp", "AsodeskDomain"]),
        .executableTarget(
            name: "asodesk",
            dependencies: [
                "AsodeskApp", "AsodeskDomain", "AsodeskLog", "AsodeskDashboard", "AsodeskTerminal", "AsodeskPDF",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks of docs/performance.md: measurements, the pseudo-terminal harness, the tables.
        .target(name: "AsodeskBench", dependencies: ["AsodeskApp", "AsodeskDashboard", "AsodeskDomain", "AsodeskLog", "AsodeskScreen", "AsodeskTerminal"]),
        // `swift run -c release asodesk-bench all`: every figure of docs/performance.md in one run.
        .executableTarget(
            name: "asodesk-bench",
            dependencies: ["AsodeskBench", "AsodeskApp", "AsodeskLog", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Test support: drives the log from separate processes (multi-writer, crash, benchmark tests).
        .executableTarget(name: "log-probe", dependencies: ["AsodeskLog"]),
        // Test support shared by the test targets: temporary folders, the package's programs, the
        // CLI with a private log, a dashboard in a private tmux server.
        .target(name: "AsodeskTestSupport", dependencies: ["AsodeskLog"]),
        .testTarget(name: "AsodeskDomainTests", dependencies: ["AsodeskDomain"]),
        .testTarget(name: "AsodeskLogTests", dependencies: ["AsodeskLog", "log-probe", "AsodeskTestSupport"]),
        // The log's promises under crashes, damage, concurrency, full disks and hostile input, with
        // figures (docs/reliability.md). ASODESK_RELIABILITY_FULL=1 runs the long counts.
        .testTarget(name: "AsodeskReliabilityTests",
                    dependencies: ["AsodeskLog", "AsodeskApp", "AsodeskDomain", "AsodeskDashboard", "AsodeskScreen",
                                   "AsodeskTestSupport", "AsodeskTerminal", "asodesk", "log-probe"]),
        .testTarget(name: "AsodeskAppTests", dependencies: ["AsodeskApp", "AsodeskDomain", "AsodeskLog"]),
        .testTarget(name: "AsodeskCLITests", dependencies: ["AsodeskApp", "AsodeskDomain", "AsodeskLog", "AsodeskTestSupport", "asodesk"]),
        .testTarget(name: "AsodeskPDFTests", dependencies: ["AsodeskPDF", "AsodeskApp", "AsodeskDomain", "AsodeskLog", "AsodeskTestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "AsodeskBenchTests", dependencies: ["AsodeskBench", "AsodeskTerminal"]),
        .testTarget(name: "AsodeskTerminalTests", dependencies: ["AsodeskTerminal", "AsodeskDashboard", "AsodeskScreen"]),
        .testTarget(name: "AsodeskDashboardTests", dependencies: ["AsodeskDashboard", "AsodeskScreen", "AsodeskApp", "AsodeskDomain", "AsodeskLog"],
                    exclude: ["Golden"]),
    ]
)
