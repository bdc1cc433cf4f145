import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport
import Foundation
import Testing

/// Bad input: random and hostile values (100 kB strings, invalid UTF-8, NUL, terminal escapes,
/// bidi controls, zero-width and combining characters) in every text the desk takes in. Nothing
/// crashes; each value is refused with a message naming its field, or stored as typed; and no
/// output of the program carries anything that acts on a terminal.
@Suite(.serialized) struct HostileInputTests {
    /// A field of `asodesk add` and a valid value for it.
    static let addFields: [(option: String, valid: String)] = [
        ("customer", "Jan Kowalski"), ("phone", "601 234 567"), ("email", "jan.kowalski@example.pl"),
        ("plate", "KR 4F123"), ("vin", "WVWZZZ1JZXW000001"), ("vehicle", "Škoda Octavia"),
        ("order", "ZN/2026/00123"), ("summary", "Po naprawie hamulców nadal piszczy"), ("remedy", "Ponowna naprawa"),
    ]

    enum Probe: CaseIterable { case addOneField, addEveryField, note, escalate, show, listOwner, checkStep, operatorID }

    /// One hostile value as argv bytes: text, a 100 kB string, or bytes that are not UTF-8.
    static func hostileBytes(_ random: inout SeededRandom) -> [UInt8] {
        switch random.int(0...9) {
        case 0:
            // 100 kB (argv allows 128 kB per argument); the cut may split a character, which is bad input too.
            let unit = random.pick(["x", "ą", "\u{1B}[31m", "\u{202E}", "👨‍👩‍👧"])
            return Array(String(repeating: unit, count: 100_000 / unit.utf8.count + 1).utf8.prefix(100_000))
        case 1, 2: return HostileText.invalidUTF8(&random)
        case 3: return Array(random.pick(HostileText.payloads).utf8)
        default: return Array(HostileText.random(&random).utf8)
        }
    }

    @Test func theCommandLineRefusesOrStoresHostileArgumentsAndPrintsNothingThatActsOnATerminal() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(atPath: cli.directory) }
        let program = RawProgram(environment: cli.environment, scratch: cli.directory)
        #expect(program.run(["init", "--test"]).status == 0)
        let base = Self.addFields.flatMap { ["--\($0.option)", $0.valid] }
        let first = program.run(["add", "--category", "repair"] + base)
        #expect(first.status == 0, "a valid complaint is taken in: \(first.errText)")

        let seed = UInt64(ProcessInfo.processInfo.environment["ASODESK_FUZZ_SEED"] ?? "") ?? 20_261_123
        print("HostileInputTests: command-line fuzz seed \(seed) (ASODESK_FUZZ_SEED to repeat)")
        var random = SeededRandom(seed: seed)
        let rounds = LongRun.count(ci: 120, full: 1_500)
        var accepted = 0, refused = 0, crashes = 0, unclear = 0, unsafeOutputs = 0
        var storedNotes: [String] = []
        for round in 0..<rounds {
            let probe = random.pick(Probe.allCases)
            let value = Self.hostileBytes(&random)
            var arguments: [[UInt8]]
            var namedField: String?
            switch probe {
            case .addOneField:
                let field = random.pick(Self.addFields).option
                namedField = field
                arguments = [Array("add".utf8)] + Self.addFields.flatMap { entry -> [[UInt8]] in
                    [Array("--\(entry.option)".utf8), entry.option == field ? value : Array(entry.valid.utf8)]
                }
            case .addEveryField:
                arguments = [Array("add".utf8)] + Self.addFields.flatMap { entry -> [[UInt8]] in
                    [Array("--\(entry.option)".utf8), Self.hostileBytes(&random)]
                }
            case .note: arguments = ["note", "R/2026/0001"].map { Array($0.utf8) } + [value]
            case .escalate: arguments = ["escalate", "R/2026/0001", "--reason"].map { Array($0.utf8) } + [value]
            case .show: arguments = [Array("show".utf8), value]
            case .listOwner: arguments = ["list", "--owner"].map { Array($0.utf8) } + [value]
            case .checkStep: arguments = ["check", "R/2026/0001", "complaint-intake"].map { Array($0.utf8) } + [value]
            case .operatorID: arguments = ["note", "R/2026/0001", "Klient dzwonił", "--as"].map { Array($0.utf8) } + [value]
            }
            // `--option=value` keeps a value that starts with "-" a value; half the time, as people type.
            if random.chance(0.5) {
                arguments = Self.joiningOptionValues(arguments)
            }
            let outcome = program.run(bytes: arguments)
            let label = "round \(round) (\(probe), seed \(seed))"
            guard let status = outcome.status else {
                crashes += 1
                Issue.record("\(label): asodesk died of signal \(outcome.signal ?? -1)")
                continue
            }
            switch status {
            case 0:
                accepted += 1
                // Argv is decoded as Swift decodes it (invalid bytes become U+FFFD); a note is kept as typed.
                if probe == .note { storedNotes.append(String(decoding: value, as: UTF8.self)) }
                // Without operators in the config any id may note (it is shown through SafeText).
                if probe == .operatorID { storedNotes.append("Klient dzwonił") }
            case 1, 64:
                refused += 1
                let message = outcome.errText
                var clear = message.hasPrefix("asodesk: ") || message.hasPrefix("Error: ")
                if status == 1, let namedField, !message.contains("--\(namedField)") { clear = false }
                if !clear {
                    unclear += 1
                    Issue.record("\(label): refused (\(status)) without a message naming what to fix: \(message.prefix(400))")
                }
            default:
                Issue.record("\(label): exit status \(status): \(outcome.errText.prefix(400))")
            }
            for (stream, bytes) in [("stdout", outcome.out), ("stderr", outcome.err)] {
                let hazards = HostileText.hazards(in: bytes)
                if !hazards.isEmpty {
                    unsafeOutputs += 1
                    Issue.record("\(label): \(stream) carries \(Set(hazards).sorted().prefix(6)) — \(String(decoding: bytes.prefix(300), as: UTF8.self).debugDescription)")
                }
            }
        }

        // The log is healthy, and everything stored reads back as typed and prints harmlessly.
        let verify = program.run(["verify"])
        #expect(verify.status == 0, "asodesk verify after the fuzz: \(verify.errText)")
        let desk = try Desk(log: try EventLog(path: cli.log, create: false, readOnly: true), config: .standard,
                            procedures: try ProcedureLibrary.bundled())
        let notes = (try desk.allComplaints()).flatMap(\.history).compactMap { event -> String? in
            if case .note(let text) = event.action { return text }
            return nil
        }
        #expect(notes == storedNotes, "every accepted note is stored exactly as typed, in order")
        var views: [[String]] = [["list", "--all"], ["list", "--all", "--json"], ["export", "--all"], ["report"]]
        for complaint in (try desk.allComplaints()) {
            views.append(["show", complaint.number.description])
            views.append(["show", complaint.number.description, "--json"])
            views.append(["show", complaint.number.description, "--explain"])
            views.append(["check", complaint.number.description])
        }
        for view in views {
            let outcome = program.run(view)
            #expect(outcome.status == 0, "\(view.joined(separator: " ")): \(outcome.errText)")
            for (stream, bytes) in [("stdout", outcome.out), ("stderr", outcome.err)] {
                let hazards = HostileText.hazards(in: bytes)
                if !hazards.isEmpty {
                    unsafeOutputs += 1
                    Issue.record("asodesk \(view.joined(separator: " ")): \(stream) carries \(Set(hazards).sorted().prefix(6))")
                }
            }
        }
        #expect(crashes == 0 && unclear == 0 && unsafeOutputs == 0)
        Figures.report("bad input (command line)", [
            "inputs": rounds, "accepted": accepted, "refused": refused, "crashes": crashes,
            "unclear refusals": unclear, "outputs checked": rounds * 2 + views.count * 2, "unsafe outputs": unsafeOutputs,
            "seed": seed,
        ])
    }

    /// ["--customer", value] → ["--customer=value"].
    static func joiningOptionValues(_ arguments: [[UInt8]]) -> [[UInt8]] {
        var joined: [[UInt8]] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.starts(with: Array("--".utf8)), index + 1 < arguments.count {
                joined.append(argument + Array("=".utf8) + arguments[index + 1])
                index += 2
            } else {
                joined.append(argument)
                index += 1
            }
        }
        return joined
    }

    /// NUL cannot travel in argv; it can in the config file, the other text the program reads.
    @Test func aConfigWithNULOrEscapesIsRefusedOrShownHarmlessly() throws {
        let cli = try CLI()
        defer { try? FileManager.default.removeItem(atPath: cli.directory) }
        let configPath = cli.directory + "/site.toml"
        var environment = cli.environment
        environment["ASODESK_CONFIG"] = configPath
        let program = RawProgram(environment: environment, scratch: cli.directory)
        let operators = """
            [[operator]]
            id = "pwisniewski"
            name = "Piotr \\u001B]0;PWNED\\u0007Wiśniewski\\u202E"
            role = "advisor"
            """
        writeBytes(Array("[site]\nname = \"ASO \\u001B[2J\\u009B6n Kraków\"\n\n\(operators)\n".utf8), to: configPath)
        try cli.registerKey(of: "pwisniewski", site: configPath)
        #expect(program.run(["init", "--test", "--as", "pwisniewski"]).status == 0)
        let added = program.run(["add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Piszczą hamulce po naprawie", "--as", "pwisniewski"])
        #expect(added.status == 0, "\(added.errText)")
        var checked = 0
        for view in [["list"], ["list", "--json"], ["show", "R/2026/0001"], ["show", "R/2026/0001", "--json"], ["export"], ["report"]] {
            let outcome = program.run(view)
            checked += 1
            #expect(outcome.status == 0, "\(view): \(outcome.errText)")
            #expect(HostileText.hazards(in: outcome.out + outcome.err).isEmpty, "\(view): \(outcome.outText.debugDescription)")
        }
        // A NUL byte in the file itself, raw and as an escape: refused with the file named, never a crash.
        for nul in [Array("[site]\nname = \"ASO\0Kraków\"\n".utf8), Array("[site]\nname = \"ASO\\u0000Kraków\"\n".utf8),
                    Array("[site]\0\nname = \"ASO\"\n".utf8)] {
            writeBytes(nul, to: configPath)
            let outcome = program.run(["list"])
            checked += 1
            #expect(outcome.signal == nil, "a NUL in the config must not crash asodesk")
            #expect(outcome.status == 0 || (outcome.status == 1 && outcome.errText.contains(configPath)),
                    "status \(String(describing: outcome.status)): \(outcome.errText)")
            #expect(HostileText.hazards(in: outcome.out + outcome.err).isEmpty, "\(outcome.errText.debugDescription)")
        }
        Figures.report("bad input (config file)", ["views checked": checked])
    }

    // MARK: The intake validation in-process

    @Test func thousandsOfRandomFormsAreRefusedFieldByFieldOrStoredUnchanged() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["ASODESK_FUZZ_SEED"] ?? "") ?? 4_2026
        print("HostileInputTests: intake fuzz seed \(seed) (ASODESK_FUZZ_SEED to repeat)")
        var random = SeededRandom(seed: seed)
        let forms = LongRun.count(ci: 5_000, full: 100_000)
        var accepted = 0, refused = 0, unnamed = 0, changed = 0
        let now = Date(timeIntervalSince1970: 1_795_426_200)
        for index in 0..<forms {
            // Most forms have one hostile field (so many are stored), the rest several at once.
            let hostileField = random.int(0...8), everyField = random.chance(0.3)
            var field = -1
            func text(_ valid: String, optional: Bool) -> String? {
                field += 1
                if !everyField && field != hostileField { return valid }
                switch random.int(0...9) {
                case 0...3: return valid
                case 4 where optional: return nil
                case 5: return valid + random.pick(HostileText.payloads)
                case 6: return String(repeating: "ż", count: random.int(100...5_000))
                case 7: return "\0" + valid + "\0"
                default: return HostileText.random(&random)
                }
            }
            let form = IntakeForm(
                channel: random.pick(Channel.allCases), category: random.pick(ComplaintCategory.allCases),
                priority: random.pick(Priority.allCases), legalBasis: random.pick(LegalBasis.allCases),
                customer: text("Jan Kowalski", optional: false) ?? "", phone: text("+48 601 234 567", optional: true),
                email: text("jan@example.pl", optional: true), plate: text("WX 12345", optional: true),
                vin: text("WVWZZZ1JZXW000001", optional: true), vehicle: text("Škoda Octavia", optional: true),
                order: text("ZN/2026/00123", optional: true), summary: text("Hamulce piszczą po naprawie", optional: false) ?? "",
                remedy: text("Ponowna naprawa", optional: true))
            let validated: Result<Intake, FieldErrors> = Result { () throws(FieldErrors) in try form.validated() }
            switch validated {
            case .success(let intake):
                accepted += 1
                let event = ComplaintEvent(number: ComplaintNumber(year: 2026, serial: index + 1), actor: Actor(id: "pwisniewski", role: .advisor),
                                           occurredAt: now, recordedAt: now, action: .receive(intake))
                let record = LogRecord(sequence: UInt64(index + 1), offset: 0, kind: LogFormat.Kind.event,
                                       encoding: EventCodec.eventEncoding, payload: EventCodec.encode(event), hash: [])
                guard case .complaint(let decoded) = EventCodec.decode(record), decoded == event else {
                    changed += 1
                    Issue.record("form \(index) (seed \(seed)): the stored intake does not decode unchanged")
                    continue
                }
                // What is kept is what was typed, trimmed: nothing is silently rewritten.
                #expect(intake.customer == FreeText.trimmed(form.customer))
                #expect(intake.summary == FreeText.trimmed(form.summary))
            case .failure(let error):
                refused += 1
                for fieldError in error.errors where fieldError.message.en.isEmpty || fieldError.message.pl.isEmpty {
                    unnamed += 1
                    Issue.record("form \(index) (seed \(seed)): an empty message for \(fieldError.field)")
                }
                if error.errors.isEmpty {
                    unnamed += 1
                    Issue.record("form \(index) (seed \(seed)): refused without naming a field")
                }
                // Each message is about its own field, and quotes input only harmlessly.
                for fieldError in error.errors {
                    #expect(HostileText.hazards(in: Array(fieldError.message.en.utf8)).isEmpty)
                    #expect(HostileText.hazards(in: Array(fieldError.message.pl.utf8)).isEmpty)
                }
            }
        }
        #expect(unnamed == 0 && changed == 0)
        Figures.report("bad input (intake validation)", [
            "forms": forms, "accepted": accepted, "refused": refused, "refusals without field": unnamed,
            "round trip changed": changed, "seed": seed,
        ])
    }
}
