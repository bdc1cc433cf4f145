import AsodeskApp
import AsodeskDomain
import AsodeskTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Identity, authority and time proven with real, separate operating-system accounts (made for
/// the test with useradd, removed after it): a shift lead, a trainee and a shared reception
/// account with two operators and their PINs, on one desk folder of their group, with the site
/// config owned by root. The trainee's account must not act as the lead by any path, a script's
/// forged frame must be named by `verify`, and the shared account acts only with a PIN.
/// Needs root (CI runs as root); skipped otherwise.
@Suite(.serialized, .enabled(if: SystemAccounts.available, "needs root with useradd and setpriv"))
struct OperatingSystemAccountTests {
    /// A desk with its people, its log holding one complaint the lead took in.
    final class AccountDesk {
        let accounts: SystemAccounts
        let lead: SystemAccounts.Account
        let trainee: SystemAccounts.Account
        let reception: SystemAccounts.Account
        let folder: String
        let program: String
        var log: String { folder + "/complaints.log" }
        var site: String { folder + "/site.toml" }
        static let pins = ["recepcja1": "4821", "recepcja2": "7390"]

        init() throws {
            accounts = try SystemAccounts()
            lead = try accounts.add("asl")
            trainee = try accounts.add("ast")
            reception = try accounts.add("asr")
            folder = try accounts.deskFolder()
            program = try accounts.install(Programs.asodesk)
            // The operators first (keys come from their owners), then each one's key.
            var operators: [(id: String, role: String, login: String, pin: String?)] = [
                ("lead1", "lead", lead.name, nil), ("trainee1", "trainee", trainee.name, nil),
                ("recepcja1", "advisor", reception.name, try Passphrase.hash(Self.pins["recepcja1"]!)),
                ("recepcja2", "advisor", reception.name, try Passphrase.hash(Self.pins["recepcja2"]!)),
            ]
            try writeSite(operators.map { ($0.id, $0.role, $0.login, $0.pin, nil) })
            var keys: [String: String] = [:]
            for person in operators {
                let account = [lead.name: lead, trainee.name: trainee, reception.name: reception][person.login]!
                let made = try run(account, ["key", "new"] + (person.pin != nil ? ["--as", person.id] : []),
                                   input: Self.pins[person.id].map { $0 + "\n" })
                guard made.status == 0, let start = made.out.range(of: "[[operator.key]]") else {
                    throw SystemAccounts.Failure("key new for \(person.id) failed: \(made.err)\(made.out)")
                }
                keys[person.id] = String(made.out[start.lowerBound...])
            }
            operators = operators.map { $0 }
            try writeSite(operators.map { ($0.id, $0.role, $0.login, $0.pin, keys[$0.id]) })
            let started = try run(lead, ["init"])
            guard started.status == 0 else { throw SystemAccounts.Failure("init: \(started.err)") }
            let added = try run(lead, ["add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą po naprawie"])
            guard added.status == 0 else { throw SystemAccounts.Failure("add: \(added.err)") }
        }

        /// site.toml as the owner of the desk keeps it: root's, 0644.
        func writeSite(_ operators: [(id: String, role: String, login: String, pin: String?, key: String?)]) throws {
            var text = "[site]\nname = \"ASO test\"\n"
            for person in operators {
                text += "\n[[operator]]\nid = \"\(person.id)\"\nname = \"\(person.id)\"\nrole = \"\(person.role)\"\nlogin = \"\(person.login)\"\n"
                if let pin = person.pin { text += "pin = \"\(pin)\"\n" }
                if let key = person.key { text += "\n" + key + "\n" }
            }
            try text.write(toFile: site, atomically: false, encoding: .utf8)
            chown(site, 0, 0)
            chmod(site, 0o644)
        }

        @discardableResult
        func run(_ account: SystemAccounts.Account, _ arguments: [String], env: [String: String] = [:], input: String? = nil) throws -> SystemAccounts.Result {
            try accounts.run(as: account, program, ["--log", log] + arguments, env: env, input: input ?? "", in: account.home)
        }

        var logSize: Int { ((try? FileManager.default.attributesOfItem(atPath: log))?[.size] as? Int) ?? -1 }

        deinit { accounts.remove() }
    }

    @Test func theTraineesAccountCannotActAsTheLeadByAnyPath() throws {
        let desk = try AccountDesk()
        let before = desk.logSize
        // 1. --as the lead.
        let asLead = try desk.run(desk.trainee, ["note", "R/2026/0001", "x", "--as", "lead1"])
        #expect(asLead.status == 1 && asLead.err.contains("lead1"))
        // 2. --role lead.
        let raised = try desk.run(desk.trainee, ["note", "R/2026/0001", "x", "--role", "lead"])
        #expect(raised.status == 1)
        // 3. A copy of the site config making the trainee a lead, by --config, ASODESK_CONFIG and the user file.
        let copy = desk.trainee.home + "/my-site.toml"
        let forged = try String(contentsOfFile: desk.site, encoding: .utf8)
            .replacingOccurrences(of: "role = \"trainee\"", with: "role = \"lead\"")
        try forged.write(toFile: copy, atomically: false, encoding: .utf8)
        chown(copy, desk.trainee.uid, desk.accounts.gid)
        chmod(copy, 0o644)
        for attempt in [try desk.run(desk.trainee, ["reopen", "R/2026/0001", "--reason", "x", "--config", copy]),
                        try desk.run(desk.trainee, ["reopen", "R/2026/0001", "--reason", "x"], env: ["ASODESK_CONFIG": copy])] {
            #expect(attempt.status == 1)
            #expect(attempt.err.contains("owned") || attempt.err.contains("owner"), "\(attempt.err)")
        }
        let userConfig = desk.trainee.home + "/config/asodesk"
        try FileManager.default.createDirectory(atPath: userConfig, withIntermediateDirectories: true)
        try "[[operator]]\nid = \"trainee1\"\nname = \"x\"\nrole = \"lead\"\n".write(toFile: userConfig + "/config.toml", atomically: false, encoding: .utf8)
        try SystemAccounts.system("/bin/chown", ["-R", "\(desk.trainee.uid):\(desk.accounts.gid)", desk.trainee.home + "/config"])
        let viaUserFile = try desk.run(desk.trainee, ["note", "R/2026/0001", "x"])
        #expect(viaUserFile.status == 1 && viaUserFile.err.contains("config.toml") && viaUserFile.err.contains("site.toml"), "\(viaUserFile.err)")
        try FileManager.default.removeItem(atPath: userConfig + "/config.toml")
        // 4. A lead's action in the trainee's own role.
        let reopen = try desk.run(desk.trainee, ["reopen", "R/2026/0001", "--reason", "x"])
        #expect(reopen.status == 1)
        // 5. The clock: ASODESK_NOW on a desk's log, and --at a month back.
        let pinned = try desk.run(desk.trainee, ["note", "R/2026/0001", "x"], env: ["ASODESK_NOW": "2026-01-05T09:00:00+01:00"])
        #expect(pinned.status == 1 && pinned.err.contains("ASODESK_NOW"), "\(pinned.err)")
        let monthAgo = Date().addingTimeInterval(-31 * 86_400)
        let backdated = try desk.run(desk.trainee, ["note", "R/2026/0001", "x", "--at", ISO8601DateFormatter().string(from: monthAgo)])
        #expect(backdated.status == 1)
        // 6. The lead's private key is the lead's alone.
        let leadKey = desk.lead.home + "/data/asodesk/keys/lead1.key"
        let stolen = try desk.run(desk.trainee, ["note", "R/2026/0001", "x"], env: ["ASODESK_KEYS": (leadKey as NSString).deletingLastPathComponent])
        #expect(stolen.status != 0)
        #expect(desk.logSize == before, "a refused action wrote nothing")
        // The trainee's own note is saved, signed, and shown as theirs.
        let own = try desk.run(desk.trainee, ["note", "R/2026/0001", "sprawdzone"])
        #expect(own.status == 0, "\(own.err)")
        let shown = try desk.run(desk.lead, ["show", "R/2026/0001"])
        #expect(shown.out.contains("trainee1") && !shown.out.contains("NOT PROVEN"), "\(shown.out)")
        #expect(try desk.run(desk.lead, ["verify"]).status == 0)
    }

    @Test func aFrameForgedByAScriptIsNamedByVerify() throws {
        let desk = try AccountDesk()
        // A well-formed event claiming to be the lead's note, appended by the trainee's account
        // with the log's own arithmetic (checksum and chain right), but without the lead's key.
        let event = ComplaintEvent(number: ComplaintNumber(text: "R/2026/0001")!, actor: Actor(id: "lead1", role: .lead),
                                   occurredAt: Date(), recordedAt: Date(), action: .note(text: "decyzja kierownika"))
        let payload = desk.trainee.home + "/payload"
        FileManager.default.createFile(atPath: payload, contents: Data(EventCodec.encode(event)))
        chown(payload, desk.trainee.uid, desk.accounts.gid)
        let probe = try desk.accounts.install(Programs.logProbe)
        let appended = try desk.accounts.run(as: desk.trainee, probe, ["append-payload", desk.log, String(EventCodec.eventEncoding), payload])
        #expect(appended.status == 0, "\(appended.err)")
        let sequence = appended.out.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? "?"
        let verified = try desk.run(desk.lead, ["verify"])
        let said = verified.out + verified.err
        #expect(verified.status == 5, "not proven: \(said)")
        #expect(said.contains("record \(sequence) R/2026/0001, claimed author lead1: unsigned"), "\(said)")
        let shown = try desk.run(desk.lead, ["show", "R/2026/0001"])
        #expect(shown.out.contains("decyzja kierownika") && shown.out.contains("NOT PROVEN"), "\(shown.out)")
    }

    @Test func aSharedAccountActsOnlyWithThePINOfTheOperatorItNames() throws {
        let desk = try AccountDesk()
        let before = desk.logSize
        let unnamed = try desk.run(desk.reception, ["note", "R/2026/0001", "x"])
        #expect(unnamed.status == 1 && unnamed.err.contains("recepcja1") && unnamed.err.contains("recepcja2"), "\(unnamed.err)")
        let noPIN = try desk.run(desk.reception, ["note", "R/2026/0001", "x", "--as", "recepcja1"], input: "")
        #expect(noPIN.status == 1)
        let otherPIN = try desk.run(desk.reception, ["note", "R/2026/0001", "x", "--as", "recepcja1"],
                                    input: AccountDesk.pins["recepcja2"]! + "\n")
        #expect(otherPIN.status == 1)
        let notAnOperator = try desk.run(desk.reception, ["note", "R/2026/0001", "x", "--as", "lead1"],
                                         input: AccountDesk.pins["recepcja1"]! + "\n")
        #expect(notAnOperator.status == 1)
        #expect(desk.logSize == before, "nothing was written without the right PIN")
        let right = try desk.run(desk.reception, ["note", "R/2026/0001", "rozmowa z klientem", "--as", "recepcja2"],
                                 input: AccountDesk.pins["recepcja2"]! + "\n")
        #expect(right.status == 0, "\(right.err)")
        let shown = try desk.run(desk.lead, ["show", "R/2026/0001"])
        #expect(shown.out.contains("recepcja2"), "\(shown.out)")
        #expect(try desk.run(desk.lead, ["verify"]).status == 0)
    }
}
