import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

/// A log whose complaints carry a hostile payload in every free-text field a person can fill in,
/// across the whole lifecycle, with a site config whose site and operator names carry them too.
enum HostileLog {
    /// The demo people under hostile display names, and a hostile site name.
    static var config: SiteConfig {
        var config = SiteConfig.standard
        config.siteName = "ASO \u{1B}]0;PWNED\u{07}Kraków\u{202E}"
        config.operators = DemoSite.sharedKeyring.operators.enumerated().map { index, person in
            Operator(id: person.id, name: person.name + " " + HostileText.payloads[index % HostileText.payloads.count], role: person.role,
                     keys: person.keys)
        }
        return config
    }

    /// The config as TOML, for the real program: every non-printable scalar as a \u escape.
    static var configTOML: String {
        var toml = "[site]\nname = \(tomlString(config.siteName))\n"
        for person in config.operators {
            toml += "\n[[operator]]\nid = \"\(person.id)\"\nname = \(tomlString(person.name))\nrole = \"\(person.role.rawValue)\"\n"
            // The shared keyring's keys, valid long before the log's pinned clock.
            for key in person.keys {
                toml += "\n[[operator.key]]\npublic = \"\(Data(key.publicKey).base64EncodedString())\"\nvalid_from = 2020-01-01\n"
            }
        }
        return toml
    }

    static func tomlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.generalCategory == .format {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Writes one complaint per payload into `desk` (acting as the shift lead anowak), each taken
    /// as far as its index says: in analysis, waiting, decided, or closed and reopened. Returns how
    /// many hostile payloads were stored.
    @discardableResult
    static func write(into desk: Desk, startingAt start: Date) throws -> Int {
        let lead = Actor(id: "anowak", role: .lead)
        var clock = start
        var injected = 0
        func act(_ action: ComplaintAction, _ number: ComplaintNumber?, texts: Int) throws -> ComplaintEvent {
            clock = clock.addingTimeInterval(60)
            injected += texts
            return try desk.perform(action, on: number, by: lead, now: clock)
        }
        /// Overrides every open mandatory step of the stage, each with a hostile reason.
        func overrideOpenSteps(at point: PausePoint, _ number: ComplaintNumber, _ payload: String) throws {
            let complaint = (try? desk.complaint(number))!
            for open in Checklist.openMandatorySteps(at: point, on: complaint, procedures: desk.procedures.procedures) {
                _ = try act(.overrideStep(procedure: open.procedure.id, version: open.procedure.version, step: open.step.id,
                                          reason: "Pominięte \(payload) bo tak"), number, texts: 1)
            }
        }
        for (index, payload) in HostileText.payloads.enumerated() {
            let intake = try IntakeForm(
                channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                customer: "Jan \(payload) Kowalski", phone: "601 234 567", vehicle: "\(payload)Škoda",
                summary: "Hamulce \(payload) piszczą", remedy: "Naprawa \(payload)").validated()
            let number = try act(.receive(intake), nil, texts: 4).number
            try overrideOpenSteps(at: .intake, number, payload)
            _ = try act(.acknowledge(note: "Potwierdzono \(payload)"), number, texts: 1)
            _ = try act(.contact(ContactRecord(channel: .phone, summary: "Rozmowa \(payload) z klientem")), number, texts: 1)
            _ = try act(.note(text: "Notatka \(payload)"), number, texts: 1)
            _ = try act(.assign(to: "pwisniewski", note: "Przydział \(payload)"), number, texts: 1)
            _ = try act(.escalate(reason: "Eskalacja \(payload)", priority: nil), number, texts: 1)
            switch index % 4 {
            case 0:
                continue
            case 1:
                _ = try act(.wait(reason: .parts, note: "Czekamy \(payload)"), number, texts: 1)
            default:
                try overrideOpenSteps(at: .beforeDecision, number, payload)
                _ = try act(.decide(Decision(outcome: .partly, reasons: "Uzasadnienie \(payload)", remedyGranted: "Rabat \(payload)")),
                            number, texts: 2)
                guard index % 4 == 3 else { continue }
                try overrideOpenSteps(at: .beforeClosing, number, payload)
                _ = try act(.close(customerAccepted: false, response: "Klient \(payload) nie zgadza się"), number, texts: 1)
                _ = try act(.reopen(reason: "Ponownie \(payload)"), number, texts: 1)
            }
        }
        return injected
    }
}
