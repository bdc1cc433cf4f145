#if canImport(Glibc)
import Glibc
#endif
import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTestSupport
import Foundation
import Testing

/// Permissions: a trainee cannot decide, close, reopen or override a checklist step, whichever
/// way the request comes; the files asodesk creates are never readable by others.
@Suite(.serialized) struct PermissionTests {
    static let deskConfig: SiteConfig = {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }()

    /// Complaints of the demo log where a lead could decide, close, reopen and override.
    struct Targets {
        var inAnalysis: ComplaintNumber
        var decided: ComplaintNumber
        var closed: ComplaintNumber
        /// An open mandatory step of `inAnalysis` before the decision.
        var openStep: (procedure: String, step: String)
    }

    static func targets(in desk: Desk) throws -> Targets {
        let library = desk.procedures.procedures
        let inAnalysis = try #require((try desk.allComplaints()).first {
            $0.state == .inAnalysis && !Checklist.openMandatorySteps(at: .beforeDecision, on: $0, procedures: library).isEmpty
        })
        let open = Checklist.openMandatorySteps(at: .beforeDecision, on: inAnalysis, procedures: library)[0]
        let decided = try #require((try desk.allComplaints()).first { $0.state == .decided })
        let closed = try #require((try desk.allComplaints()).first { $0.state == .closed })
        return Targets(inAnalysis: inAnalysis.number, decided: decided.number, closed: closed.number,
                       openStep: (open.procedure.id, open.step.id))
    }

    // MARK: Command line

    @Test func aTraineeIsRefusedOnTheCommandLineWhateverTheyClaimAndTheLogStaysByteIdentical() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(atPath: cli.directory) }
        // The demo's own site config beside the log names its operators and their keys; the run
        // without operators below points at an empty one instead.
        let environment = cli.environment
        let emptyConfig = cli.directory + "/no-operators.toml"
        try "# no operators\n".write(toFile: emptyConfig, atomically: true, encoding: .utf8)
        let program = RawProgram(environment: environment, scratch: cli.directory)
        #expect(program.run(["demo"]).status == 0)
        let desk = try Desk(log: try EventLog(path: cli.log, create: false, readOnly: true), config: Self.deskConfig,
                            procedures: try ProcedureLibrary.bundled())
        let target = try Self.targets(in: desk)
        let before = readBytes(cli.log)
        let reasons = ["--reasons", "Usterka potwierdzona"]
        let requests: [[String]] = [
            ["decide", target.inAnalysis.description, "--outcome", "accepted", "--cause", "communication"] + reasons,
            ["close", target.decided.description, "--accepted", "--response", "Klient przyjął decyzję"],
            ["reopen", target.closed.description, "--reason", "Klient wrócił z tą samą usterką"],
            ["check", target.inAnalysis.description, target.openStep.procedure, target.openStep.step,
             "--override", "--reason", "Klient odmówił oględzin"],
        ]
        let overrideRequest = requests.count - 1
        // Who the trainee is (root acting for her, as the test runs as root), also claiming a
        // higher role; a login name in the environment changes nothing (identity is the real uid).
        let claims: [(arguments: [String], environment: [String: String])] = [
            (["--as", "jlewandowska"], [:]),
            (["--as", "jlewandowska"], ["USER": "anowak", "LOGNAME": "anowak", "ASODESK_OPERATOR": "anowak"]),
            (["--as", "jlewandowska", "--role", "lead"], [:]),
            (["--as", "jlewandowska", "--role", "advisor"], [:]),
        ]
        var refused = 0
        for request in requests {
            for claim in claims {
                let asked = RawProgram(environment: environment.merging(claim.environment) { $1 }, scratch: cli.directory)
                let outcome = asked.run(request + claim.arguments)
                let said = "asodesk \((request + claim.arguments).joined(separator: " ")) \(claim.environment)"
                #expect(outcome.status == 1, "\(said): exit \(String(describing: outcome.status)), \(outcome.errText)")
                let message = outcome.errText
                let saysWhy = message.contains("trainee") || message.contains("Only a shift lead")
                let saysWhatToDo = message.contains("ask") || message.lowercased().contains("leave out --role")
                #expect(saysWhy && saysWhatToDo, "\(said): the message says why and what to do: \(message)")
                #expect(readBytes(cli.log) == before, "\(said): the log changed")
                if outcome.status == 1 { refused += 1 }
            }
        }
        // Without operators in the config the desk is one person's, its own lead; a trainee's role
        // there is what --role lowers it to.
        let undeclared = RawProgram(environment: environment.merging(["ASODESK_CONFIG": emptyConfig]) { $1 }, scratch: cli.directory)
        let undeclaredClaims: [[String]] = [["--as", "jlewandowska", "--role", "trainee"], ["--role", "trainee"]]
        for request in requests {
            for claim in undeclaredClaims {
                let outcome = undeclared.run(request + claim)
                #expect(outcome.status == 1 && (outcome.errText.contains("trainee") || outcome.errText.contains("Only a shift lead")),
                        "\(request + claim): \(outcome.errText)")
                if outcome.status == 1 { refused += 1 }
            }
        }
        let unchanged = readBytes(cli.log) == before
        #expect(unchanged)
        // The same request from the shift lead goes through: the refusals above are about the role.
        let lead = RawProgram(environment: environment, scratch: cli.directory)
        let overridden = lead.run(requests[overrideRequest] + ["--as", "anowak"])
        #expect(overridden.status == 0, "the lead may override: \(overridden.errText)")
        Figures.report("permissions (command line)", [
            "requests": requests.count * (claims.count + undeclaredClaims.count), "refused": refused, "log changes": unchanged ? 0 : 1,
        ])
    }

    // MARK: Dashboard

    @Test func aTraineeIsNotOfferedTheKeysAndPressingThemChangesNothing() throws {
        let folder = TemporaryFolder("asodesk-trainee-dashboard")
        let logPath = folder.file("complaints.log")
        let writer = try Desk(log: try EventLog(path: logPath, create: true), config: Self.deskConfig,
                              procedures: try ProcedureLibrary.bundled())
        writer.useSigningKeys(DemoSite.sharedKeyring.signers)
        let now = Date(timeIntervalSince1970: 1_795_426_200)
        _ = try DemoLog.write(into: writer, now: now.addingTimeInterval(-60), seed: 2026)
        let desk = try Desk(log: try EventLog(path: logPath, create: false), config: Self.deskConfig,
                            procedures: try ProcedureLibrary.bundled())
        #expect(throws: Identity.Refusal.self, "a trainee cannot open the dashboard as a lead") {
            _ = try desk.actor(id: "jlewandowska", requestedRole: .lead)
        }
        let trainee = try desk.actor(id: "jlewandowska", requestedRole: nil)
        #expect(trainee.role == .trainee)
        let before = readBytes(logPath)
        let forbidden: Set<ActionVerb> = [.decide, .close, .reopen, .override]
        let forbiddenBindings = KeyTable.bindings.filter { $0.verb.map(forbidden.contains) ?? false }
        var keysPressed = 0, offered = 0, refusedInModel = 0
        for language in [Language.polish, .english] {
            let dashboard = Dashboard(desk: desk, actor: trainee,
                                      settings: DashboardSettings(language: language, handoverDirectory: folder.file("handovers")),
                                      now: now)
            for complaint in (try desk.allComplaints()) where complaint.isOpen {
                let detail = DetailScreen(number: complaint.number, dashboard: dashboard)
                dashboard.push(detail)
                for binding in forbiddenBindings where dashboard.isOffered(binding, on: detail) {
                    offered += 1
                    Issue.record("\(complaint.number) (\(complaint.state)): \(binding.label.en) offered to a trainee")
                }
                var buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
                dashboard.render(into: &buffer)
                let footer = buffer.line(dashboard.height - 1)
                _ = dashboard.handle(.key(.function(1)))
                var help = CellBuffer(width: dashboard.width, height: dashboard.height)
                dashboard.render(into: &help)
                for binding in forbiddenBindings {
                    let label = language == .polish ? binding.label.pl : binding.label.en
                    #expect(!footer.contains(label), "\(complaint.number): the footer offers \(label)")
                    #expect(!help.text.contains(label), "\(complaint.number): the help offers \(label)")
                }
                _ = dashboard.handle(.key(.escape))
                for binding in forbiddenBindings {
                    for key in binding.keys {
                        _ = dashboard.handle(.key(key))
                        keysPressed += 1
                        #expect(dashboard.message?.text.isEmpty == false,
                                "\(complaint.number): \(binding.label.en) refused without a word")
                        if !(dashboard.top === detail) {
                            // Something opened: record it, try to save it (as a person would), and leave.
                            Issue.record("\(complaint.number): \(binding.label.en) opened \(type(of: dashboard.top)) for a trainee")
                            _ = dashboard.handle(.key(.function(2)))
                            while !(dashboard.top === detail) && dashboard.stack.count > 1 { dashboard.close(dashboard.top) }
                        }
                    }
                }
                #expect(dashboard.top === detail)
                dashboard.showRoot(QueueScreen(dashboard: dashboard))
            }
        }
        #expect(readBytes(logPath) == before, "no key a trainee pressed changed the log")

        // Asked directly, the model and the desk refuse too.
        let target = try Self.targets(in: desk)
        let actions: [(ComplaintAction, ComplaintNumber)] = [
            (.decide(Decision(outcome: .accepted, reasons: "Usterka potwierdzona", remedyGranted: nil)), target.inAnalysis),
            (.close(customerAccepted: true, response: "Klient przyjął decyzję"), target.decided),
            (.reopen(reason: "Klient wrócił z tą samą usterką"), target.closed),
            (.overrideStep(procedure: target.openStep.procedure, version: desk.procedures.procedure(id: target.openStep.procedure)!.version,
                           step: target.openStep.step, reason: "Klient odmówił oględzin"), target.inAnalysis),
        ]
        let dashboard = Dashboard(desk: desk, actor: trainee,
                                  settings: DashboardSettings(language: .english, handoverDirectory: folder.file("handovers")), now: now)
        for (action, number) in actions {
            if case .success = dashboard.perform(action, on: number) { Issue.record("the dashboard saved a trainee's \(action.verb)") }
            #expect(throws: Refusal.self, "Desk.perform as a trainee: \(action.verb)") {
                try desk.perform(action, on: number, by: trainee, now: now)
            }
            refusedInModel += 1
        }
        #expect(readBytes(logPath) == before)
        #expect(offered == 0)
        Figures.report("permissions (dashboard)", [
            "complaints opened": (try desk.allComplaints()).count { $0.isOpen } * 2, "forbidden keys pressed": keysPressed,
            "offered to trainee": offered, "direct requests refused": refusedInModel, "log changes": readBytes(logPath) == before ? 0 : 1,
        ])
    }

    // MARK: File modes

    /// Files (and folders) under `folder` whose mode gives anything to others, as "path mode".
    static func openToOthers(under folder: String) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var paths = [folder]
        while let relative = enumerator?.nextObject() as? String { paths.append(folder + "/" + relative) }
        for path in paths {
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            // A folder may be entered by others (the home folder usually is) but never written to;
            // a file gives others nothing.
            let forbiddenBits: mode_t = isDirectory ? 0o002 : 0o007
            if info.st_mode & forbiddenBits != 0 { found.append("\(path) \(String(info.st_mode & 0o7777, radix: 8))") }
        }
        return found
    }

    @Test(arguments: ["000", "022"])
    func filesTheCommandLineCreatesAreNeverOpenToOthers(umask mask: String) throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(atPath: cli.directory) }
        let root = cli.directory + "/desk"
        var environment = cli.environment
        environment["ASODESK_LOG"] = root + "/data/complaints.log"
        let program = RawProgram(environment: environment, scratch: cli.directory, prelude: "umask \(mask)")
        var checked = 0
        func expectClosed(_ what: String) {
            let open = Self.openToOthers(under: root)
            checked += 1
            #expect(open.isEmpty, "umask \(mask), after \(what): \(open)")
        }
        #expect(program.run(["init", "--test"]).status == 0)
        expectClosed("init")
        let added = program.run(["add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą po naprawie"])
        #expect(added.status == 0, "\(added.errText)")
        expectClosed("add")
        #expect(program.run(["demo", "--log", root + "/demo/demo.log"]).status == 0)
        expectClosed("demo")
        #expect(program.run(["demo", "--log", root + "/demo/demo.log", "--replace"]).status == 0)
        expectClosed("demo --replace")
        #expect(program.run(["export", "--all", "--output", root + "/export.csv"]).status == 0)
        expectClosed("export")
        // Damage the demo log in the middle and at the end: repair writes a quarantine file, a
        // backup and the repaired log.
        var bytes = readBytes(root + "/demo/demo.log")
        bytes[bytes.count / 2] ^= 0x20
        bytes += [0x41, 0x53, 0x4F, 0x00, 0x01]
        try Self.overwrite(root + "/demo/demo.log", with: bytes)
        let repaired = program.run(["repair", "--log", root + "/demo/demo.log"])
        #expect(repaired.status == 0, "\(repaired.errText)")
        #expect(FileManager.default.contentsOfDirectory(atPathOrEmpty: root + "/demo").contains { $0.contains("quarantine") })
        expectClosed("repair")
        // A torn tail set aside by the next save: the quarantine file the writer itself creates.
        var log = readBytes(root + "/data/complaints.log")
        log += Array(log.prefix(30))
        try Self.overwrite(root + "/data/complaints.log", with: log)
        let noted = program.run(["note", "R/2026/0001", "Klient dzwonił"])
        #expect(noted.status == 0, "\(noted.errText)")
        #expect(FileManager.default.contentsOfDirectory(atPathOrEmpty: root + "/data").contains { $0.contains("quarantine") },
                "the torn tail was set aside in a quarantine file")
        expectClosed("a save after a torn tail")
        Figures.report("log never world-readable (command line, umask \(mask))", [
            "paths created": Self.files(under: root), "checks": checked, "open to others": Self.openToOthers(under: root).count,
        ])
    }

    /// Rewrites a file's bytes in place: same file, same mode (a new file would carry the test's umask).
    static func overwrite(_ path: String, with bytes: [UInt8]) throws {
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: bytes)
        try handle.truncate(atOffset: UInt64(bytes.count))
        try handle.close()
    }

    static func files(under folder: String) -> Int {
        var count = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while enumerator?.nextObject() != nil { count += 1 }
        return count
    }

    @Test(.enabled(if: TmuxDesk.isAvailable, "tmux is needed to run the dashboard in a terminal"))
    func filesTheDashboardCreatesAreNeverOpenToOthers() throws {
        let tmux = try TmuxDesk()
        defer { tmux.shutDown() }
        var created = 0
        for mask in ["000", "022"] {
            let data = tmux.directory + "/data-\(mask)"
            // The demo log, the dashboard's error log and the shift handover all go under XDG_DATA_HOME.
            tmux.type("umask \(mask); XDG_DATA_HOME=\(data) asodesk --demo --lang en; echo EXIT=$?")
            // Writing the demo takes hundreds of synced appends: on a busy machine, many seconds.
            try tmux.waitUntil("the status line", timeout: 60) { TmuxDesk.eventCount(in: $0) != nil }
            tmux.press("3")
            try tmux.waitFor("Shift board")
            tmux.press("h")
            try tmux.waitFor("Shift handover written")
            tmux.press("q")
            try tmux.waitFor("EXIT=0")
            let handovers = FileManager.default.contentsOfDirectory(atPathOrEmpty: data + "/asodesk/handovers")
            #expect(handovers.count == 1, "the handover was written")
            #expect(FileManager.default.fileExists(atPath: data + "/asodesk/demo/demo.log"))
            let open = Self.openToOthers(under: data)
            #expect(open.isEmpty, "umask \(mask): \(open)")
            created += Self.files(under: data)
            tmux.type("clear")
        }
        Figures.report("log never world-readable (dashboard: --demo, handover)", ["paths created": created])
    }
}

extension FileManager {
    func contentsOfDirectory(atPathOrEmpty path: String) -> [String] {
        (try? contentsOfDirectory(atPath: path)) ?? []
    }
}
