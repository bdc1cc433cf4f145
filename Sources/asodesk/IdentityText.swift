import AsodeskApp
import AsodeskDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may act, and whether the site config is obeyed, put into words: English on the command
/// line, Polish and English for the dashboard (which says it before its screen starts).
enum IdentityText {
    static func words(for refusal: Identity.Refusal) -> LocalizedText {
        switch refusal {
        case .invalidID(let id, let problem):
            return LocalizedText(
                "„\(shown(id))” nie jest identyfikatorem operatora: \(problemPL(problem)). Identyfikator to małe litery ASCII a–z, cyfry, „.”, „_” lub „-”, od 2 do 32 znaków.",
                "'\(shown(id))' is not an operator id: \(problemEN(problem)). An id is lowercase ASCII letters a–z, digits, \".\", \"_\" or \"-\", 2 to 32 characters.")
        case .accountNotAnID(let account, let problem):
            return LocalizedText(
                "To stanowisko nie ma listy operatorów, więc zdarzenia zapisuje się pod nazwą konta, a „\(shown(account))” nie jest poprawnym identyfikatorem (\(problemPL(problem))). Kierownik zmiany dodaje w site.toml obok logu [[operator]] z poprawnym id i login = \"\(shown(account))\".",
                "This desk lists no operators, so events are recorded under your account's name, and '\(shown(account))' is not a valid id (\(problemEN(problem))). The shift lead configures an operator with a valid id and login = \"\(shown(account))\" ([[operator]] in site.toml beside the log).")
        case .confusable(let id, let other):
            return LocalizedText(
                "„\(shown(id))” wygląda jak „\(shown(other))”, identyfikator, który to stanowisko już zna; w historii nie dałoby się ich odróżnić. Użyj własnego identyfikatora.",
                "'\(shown(id))' looks like '\(shown(other))', an id this desk already knows; a history holding both could not tell them apart. Use your own id.")
        case .notAnOperator(let account):
            return LocalizedText(
                "Konto „\(shown(account))” nie jest operatorem tego stanowiska. Kierownik zmiany dodaje [[operator]] z login = \"\(shown(account))\" w konfiguracji stanowiska.",
                "The account '\(shown(account))' is not an operator of this site; the shift lead adds [[operator]] with login = \"\(shown(account))\" to the site config.")
        case .unknownOperator(let id, let known):
            return LocalizedText(
                "„\(shown(id))” nie jest operatorem tego stanowiska. Operatorzy: \(known.joined(separator: ", ")).",
                "'\(shown(id))' is not an operator of this site. Operators: \(known.joined(separator: ", ")).")
        case .cannotActAsAnother(let account, let mine, let requested):
            let who = mine.count == 1 ? "operator \(mine[0])" : "operators \(mine.joined(separator: ", "))"
            let kto = mine.count == 1 ? "operator \(mine[0])" : "operatorzy \(mine.joined(separator: ", "))"
            return LocalizedText(
                "Pracujesz na koncie \(shown(account)) (\(kto)); --as \(shown(requested)) nie może działać jako ktoś inny. Każdy pracuje na własnym koncie.",
                "You are logged in as \(shown(account)), \(who); --as \(shown(requested)) cannot act as someone else. Each person works under their own account.")
        case .oneDeskCannotActAsAnother(let account, let requested):
            return LocalizedText(
                "To stanowisko nie ma listy operatorów, więc każde zdarzenie jest Twojego konta (\(shown(account))); --as \(shown(requested)) nie może działać jako ktoś inny. Aby pracować na nim w kilka osób, kierownik zmiany wpisuje operatorów do site.toml obok logu.",
                "This desk lists no operators, so every event is your account's (\(shown(account))); --as \(shown(requested)) cannot act as someone else. To share the desk, the shift lead lists the operators in site.toml beside the log.")
        case .chooseOperator(let account, let candidates):
            return LocalizedText(
                "Z konta \(shown(account)) korzysta kilku operatorów: \(candidates.joined(separator: ", ")). Powiedz, kim jesteś: --as ID (potem pytanie o PIN).",
                "The account \(shown(account)) is shared by the operators \(candidates.joined(separator: ", ")). Say which one you are with --as ID (a PIN is then asked).")
        case .pinMissing(let id):
            return LocalizedText(
                "Operator \(id) ma PIN, a nie został wpisany; nic nie zapisano. Wpisz go po pytaniu (bez terminala: jako pierwszy wiersz wejścia).",
                "Operator \(id) has a PIN and none was typed; nothing was written. Type it at the prompt (without a terminal: as the first line of standard input).")
        case .wrongPIN(let id):
            return LocalizedText(
                "To nie jest PIN operatora \(id); nic nie zapisano. Spróbuj ponownie; zapomniany PIN kierownik zmiany ustawia na nowo (asodesk pin-hash).",
                "That is not the PIN of operator \(id); nothing was written. Try again; a forgotten PIN is set anew by the shift lead (asodesk pin-hash).")
        case .roleAboveConfigured(let id, let configured, let requested):
            return LocalizedText(
                "\(id) ma w konfiguracji rolę \(configured.rawValue) i nie może działać jako \(requested.rawValue): --role może rolę tylko obniżyć. Pomiń --role, aby działać jako \(configured.rawValue); role zmienia kierownik zmiany w konfiguracji stanowiska.",
                "\(id) is configured as \(configured.rawValue) and cannot act as \(requested.rawValue): --role may only lower a role. Leave out --role to act as \(configured.rawValue); a shift lead changes roles in the site config.")
        }
    }

    static func words(for refusal: SiteConfigRefusal) -> LocalizedText {
        let path = shown(refusal.path, limit: 300)
        let fix = "chown root: \(path); chmod 644 \(path)"
        switch refusal.reason {
        case .symbolicLink:
            return LocalizedText(
                "\(path) jest dowiązaniem symbolicznym; konfiguracja stanowiska obowiązuje tylko jako zwykły plik (dowiązanie może przestawić każdy, kto pisze w tym folderze). Nic nie zrobiono. Umieść tam sam plik albo wskaż prawdziwy plik przez --config; albo poproś kierownika zmiany.",
                "\(path) is a symbolic link; the site config is obeyed only as a regular file (whoever may write its folder could point a link elsewhere). Nothing was done. Put the file itself there, or name the real file with --config; or ask the shift lead.")
        case .wrongOwner(let owner, let folderOwner):
            let folder = folderOwner.map { " (\(userName($0)))" } ?? ""
            return LocalizedText(
                "\(path) należy do \(userName(owner)), a nie do roota ani do właściciela folderu logu\(folder): kto go zmienia, mógłby nadać sobie dowolną rolę. Nic nie zrobiono, dopóki to nie zostanie poprawione: \(fix) (albo poproś kierownika zmiany).",
                "\(path) is owned by \(userName(owner)), not by root or the owner of the log's folder\(folder): whoever may change it could give themselves any role. Nothing is done until it is fixed: \(fix) (or ask the shift lead).")
        case .writableByOthers(let mode):
            let octal = "0" + String(mode, radix: 8)
            return LocalizedText(
                "\(path) może zmieniać grupa lub inni (uprawnienia \(octal)): każdy z nich mógłby nadać sobie dowolną rolę. Nic nie zrobiono, dopóki to nie zostanie poprawione: \(fix) (albo poproś kierownika zmiany).",
                "\(path) may be written by its group or by others (mode \(octal)): any of them could give themselves any role. Nothing is done until it is fixed: \(fix) (or ask the shift lead).")
        }
    }

    private static func problemEN(_ problem: OperatorID.Problem) -> String {
        switch problem {
        case .length(let count): "it has \(count) characters"
        case .character(let scalar): "the character \(OperatorID.codePoint(scalar)) is not allowed"
        }
    }

    private static func problemPL(_ problem: OperatorID.Problem) -> String {
        switch problem {
        case .length(let count): "ma \(count) znaków"
        case .character(let scalar): "znak \(OperatorID.codePoint(scalar)) jest niedozwolony"
        }
    }

    /// Typed text in a message: one line, bounded (it may hold anything).
    private static func shown(_ text: String, limit: Int = 40) -> String { SafeText.singleLine(text, maxCharacters: limit) }

    /// "uid 65534 (nobody)" or "uid 1000".
    private static func userName(_ uid: UInt32) -> String {
        guard let entry = getpwuid(uid_t(uid)), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return "uid \(uid) (\(String(cString: name)))"
    }
}
