import AsodeskDomain
import AsodeskLog
import Foundation

/// The log's structured findings in words, for the command line and the dashboard, in Polish and
/// English. The log module only says what happened; this says it to a person, with what to do.
public enum LogText {
    private static func both(_ pl: String, _ en: String) -> LocalizedText { LocalizedText(pl: pl, en: en) }

    // MARK: Errors

    public static func error(_ error: LogError) -> LocalizedText {
        switch error {
        case .damaged(let reports):
            if let newer = reports.first(where: \.isNewerFormat) {
                return both("Nie zapisano: log zawiera zapisy nowszej wersji asodesk (bajt \(newer.offset)). Zaktualizuj asodesk; do tego czasu log można tylko czytać.",
                            "Nothing was saved: the log holds records of a newer asodesk (byte \(newer.offset)). Update asodesk; until then the log can only be read.")
            }
            let first = reports.first.map(damage) ?? both("", "")
            let more = reports.count > 1 ? both(" (miejsc uszkodzeń: \(reports.count).)", " (\(reports.count) damaged places in all.)") : both("", "")
            return both("Nie zapisano: log jest uszkodzony. \(first.pl)\(more.pl) Wpisane dane zostają.",
                        "Nothing was saved because the event log is damaged. \(first.en)\(more.en)")
        case .readOnly(let reason):
            let why = readOnly(reason)
            return both("Nie zapisano: log można tu tylko czytać (\(why.pl)). Wpisane dane zostają; zapisz z terminala, który może pisać do logu.",
                        "Nothing was saved because the event log can only be read here: \(why.en).")
        case .writeFailed(let code, let written, let total, let cutBack):
            let cause = writeCause(code)
            let partial = written > 0 ? both("; zapisano \(written) z \(total) bajtów", "; \(written) of \(total) bytes had been written") : both("", "")
            if !cutBack {
                return both("Nie zapisano: zapis do logu się nie udał (\(cause.pl)\(partial.pl)), a przycięcie logu też. Uruchom `asodesk verify`.",
                            "Nothing was saved: writing to the event log failed (\(cause.en)\(partial.en)); cutting the log back also failed, run `asodesk verify`.")
            }
            return both("Nie zapisano: zapis do logu się nie udał (\(cause.pl)\(partial.pl)). Log jest taki jak przed zapisem. Zwolnij miejsce na dysku lub sprawdź dysk i spróbuj ponownie; wpisane dane zostają.",
                        "Nothing was saved: writing to the event log failed (\(cause.en)\(partial.en)). The log was cut back to how it was; free some disk space or check the disk, then try again.")
        case .syncFailed(let failure):
            return both("Dysk nie potwierdził zapisu (\(failure.systemMessage)): uznaj, że nie zapisano. Sprawdź dysk, a przed ponowieniem obejrzyj reklamację.",
                        "The disk did not confirm the save (\(failure.systemMessage)); treat it as not saved. Check the disk and the system log, then look at the complaint again before retrying.")
        case .notALog(let path, let reason):
            let why = notALog(reason)
            return both("Plik \(path) nie jest logiem asodesk (\(why.pl)). Sprawdź ścieżkę logu w konfiguracji.",
                        "The file \(path) is not an asodesk event log (\(why.en)). Check the log path in the configuration.")
        case .notFound(let path):
            return both("Nie ma logu pod \(path). Sprawdź ścieżkę logu w konfiguracji albo załóż nowy log (`asodesk init`).",
                        "There is no event log at \(path). Check the log path in the configuration, or create a new log (`asodesk init`).")
        case .tooLarge(let bytes, let limit):
            return both("Nie zapisano: wpis miałby \(bytes) bajtów, więcej niż limit \(limit). Skróć tekst; duże pliki dołącz gdzie indziej.",
                        "Nothing was saved: one record would be \(bytes) bytes, more than the limit of \(limit) bytes. Shorten the text or attach large files elsewhere.")
        case .io(let failure):
            let what = operation(failure)
            return both("Nie można użyć logu: \(what.pl) (\(failure.systemMessage)).", "The event log could not be used: \(what.en) (\(failure.systemMessage)).")
        case .repairNeedsNewerVersion(let offset, let version):
            return both("Naprawa nie ruszyła logu: od bajtu \(offset) są zapisy formatu \(version), którego ta wersja asodesk nie zna. Zaktualizuj asodesk; tylko nowsza wersja oceni, czy są uszkodzone.",
                        "Repair left the log alone: from byte \(offset) it holds records of format version \(version), which this asodesk does not know. Update asodesk; only a newer one can tell whether they are damaged.")
        case .repairNeedsDecision(let sequence, let offset, let nextOffset):
            let next = sequence + 1
            return both("Naprawa nic nie zmieniła: zapis \(next) (bajt \(nextOffset)) ma inny odcisk zapisu \(sequence) (bajt \(offset)). Albo zapis \(sequence) zmieniono po zapisaniu, albo zapisy od \(next) pochodzą z innego logu; z samego pliku nie da się tego rozstrzygnąć. Porównaj z kopią zapasową albo z zachowanym nagłówkiem łańcucha, potem uruchom: `asodesk repair --changed-record \(sequence)` (zapis \(sequence) zmieniony: zostaje odłożony, dalsze zachowane), `asodesk repair --foreign-from \(next)` (zapisy od \(next) nie są tego stanowiska: zostają odłożone) albo `asodesk repair --head <zachowany nagłówek>`.",
                        "Repair changed nothing: record \(next) (offset \(nextOffset)) holds another fingerprint of record \(sequence) (offset \(offset)). Either record \(sequence) was changed after it was written, or the records from \(next) on come from another log; the file alone cannot tell. Compare with a backup or a chain head you kept, then run `asodesk repair --changed-record \(sequence)` (record \(sequence) was changed: it is set aside, the records after it kept), `asodesk repair --foreign-from \(next)` (the records from \(next) on are not this desk's: they are set aside), or `asodesk repair --head <kept head>`.")
        case .repairNeedsChoice(let sequence, let offsets):
            let list = offsets.map(String.init).joined(separator: ", ")
            let first = offsets.first ?? 0
            return both("Naprawa nic nie zmieniła: różne zapisy zajmują miejsce zapisu \(sequence) (bajty \(list)), a nic po nich nie wskazuje prawdziwego. Porównaj z kopią zapasową, potem uruchom `asodesk repair --keep-record-at <bajt>` (np. `--keep-record-at \(first)`) albo `asodesk repair --head <zachowany nagłówek>`.",
                        "Repair changed nothing: different records claim the place of record \(sequence) (offsets \(list)) and nothing after them says which is genuine. Compare with a backup, then run `asodesk repair --keep-record-at <offset>` (e.g. `--keep-record-at \(first)`) or `asodesk repair --head <kept head>`.")
        case .repairSelfCheckFailed:
            return both("Naprawa przerwana: naprawiona kopia nie czyta się jako jeden ciągły łańcuch. Log został bez zmian; zgłoś to z kopią pliku.",
                        "Repair stopped: the repaired copy did not read back as one unbroken chain. The log is unchanged; report this with a copy of the file.")
        }
    }

    public static func readOnly(_ reason: ReadOnlyReason) -> LocalizedText {
        switch reason {
        case .requested: return both("otwarty tylko do odczytu na żądanie", "it was opened read-only on request")
        case .permissionDenied:
            return both("brak uprawnień: ten użytkownik może czytać log, ale nie zmieniać go (administrator dodaje go do grupy pliku logu)",
                        "permission denied: this user may read the log but not change it (ask the administrator to add the user to the log file's group)")
        case .readOnlyFilesystem: return both("log leży na systemie plików tylko do odczytu", "the log is on a read-only filesystem")
        case .networkFilesystem(let name):
            return both("log leży na sieciowym systemie plików (\(name)), gdzie zapis z kilku komputerów może pomieszać zapisy; przenieś go na lokalny dysk serwera",
                        "the log is on a network filesystem (\(name)), where saving from several computers can mix up records; move it to a local disk of the server")
        case .replacedByAnotherLog:
            return both("plik logu zastąpiono innym albo skrócono, gdy był tu otwarty; nic więcej tu nie zapisano. Zamknij (q) i otwórz ponownie, aby pracować na logu, który jest tam teraz",
                        "the log file was replaced by another or cut short while open here; nothing more was saved here. Quit (q) and open again to work on the log that is there now")
        }
    }

    static func notALog(_ reason: NotALogReason) -> LocalizedText {
        switch reason {
        case .foreignContent: return both("nie zaczyna się od zapisu asodesk i nie zawiera żadnego", "it does not begin with an asodesk record and holds none")
        case .notARegularFile(let kind):
            switch kind {
            case .folder: return both("to folder", "it is a folder")
            case .fifo: return both("to potok (FIFO), nie zwykły plik", "it is a pipe (FIFO), not a regular file")
            case .characterDevice, .blockDevice: return both("to urządzenie, nie zwykły plik", "it is a device, not a regular file")
            case .socket: return both("to gniazdo, nie zwykły plik", "it is a socket, not a regular file")
            case .other: return both("to nie zwykły plik", "it is not a regular file")
            case .danglingLink: return both("to dowiązanie do nieistniejącego pliku; asodesk nie tworzy logu przez dowiązanie", "it is a link to a file that does not exist; asodesk does not create a log through a link")
            }
        }
    }

    static func writeCause(_ code: Int32) -> LocalizedText {
        let system = SystemFailure(.open, code: code).systemMessage
        switch code {
        case ENOSPC, EDQUOT: return both("dysk z logiem jest pełny", "the disk holding the log is full")
        case EFBIG: return both("plik logu osiągnął największy rozmiar, jaki ten użytkownik może zapisać (\(system))",
                                "the log file reached the largest size this user may write (\(system))")
        default: return both(system, system)
        }
    }

    static func operation(_ failure: SystemFailure) -> LocalizedText {
        let file = failure.path.map { " \($0)" } ?? ""
        switch failure.operation {
        case .open: return both("nie można otworzyć\(file)", "cannot open\(file)")
        case .create: return both("nie można utworzyć\(file); sprawdź, czy folder istnieje i ten użytkownik może w nim pisać", "cannot create\(file); check that the folder exists and this user may write in it")
        case .inspect: return both("nie można sprawdzić pliku\(file)", "cannot inspect the file\(file)")
        case .read: return both("nie można czytać pliku logu", "cannot read the log file")
        case .lock: return both("nie można zablokować pliku logu", "cannot lock the log file")
        case .syncLog: return both("dysk nie potwierdził zapisu logu", "the disk did not confirm the log")
        case .cutBack: return both("nie można odciąć niedokończonego końca logu", "cannot cut the unfinished end off the log")
        case .syncFolder: return both("nie można utrwalić zmiany w folderze\(file)", "cannot make the change to the folder\(file) durable")
        case .writeSideFile: return both("nie można zapisać\(file)", "cannot write\(file)")
        case .syncSideFile: return both("dysk nie potwierdził\(file)", "the disk did not confirm\(file)")
        case .replaceLog: return both("nie można podmienić logu naprawioną kopią; oryginał jest bez zmian", "cannot put the repaired log in place; the original is unchanged")
        }
    }

    // MARK: Damage

    static func fault(_ fault: FrameFault) -> LocalizedText {
        switch fault {
        case .noRecordMarker: return both("tu nie zaczyna się żaden zapis (brak znacznika zapisu)", "no record starts here (the record marker is missing)")
        case .impossibleLength(let length): return both("pole długości ma niemożliwą wartość (\(length) bajtów)", "the record length field holds an impossible value (\(length) bytes)")
        case .checksumMismatch: return both("suma kontrolna zapisu nie zgadza się z jego treścią", "the record's checksum does not match its contents")
        case .unknownVersion(let version, let checksumValid):
            return checksumValid
                ? both("zapis w formacie \(version), którego ta wersja asodesk nie zna (zapisany przez nowszą)", "the record uses format version \(version), which this asodesk does not know (written by a newer asodesk)")
                : both("nieznana wersja formatu \(version) i zła suma kontrolna: uszkodzony zapis", "an unknown format version \(version) and a wrong checksum: a damaged record")
        case .overrunsNextRecord: return both("nagłówek zapisu deklaruje więcej bajtów, niż jest do następnego czytelnego zapisu (pole długości jest pewnie uszkodzone)",
                                              "a record header claims more bytes than there are before the next readable record (its length field is probably damaged)")
        case .damagedLengthField: return both("ostatni zapis ma uszkodzone pole długości: to zapisany rekord, a nie przerwany zapis",
                                              "the last record's length field is damaged: it is a saved record, not an interrupted save")
        }
    }

    public static func damage(_ report: DamageReport) -> LocalizedText {
        let after = report.lastGoodSequence.map { both("po zapisie \($0)", "after record \($0)") } ?? both("przed pierwszym czytelnym zapisem", "before the first readable record")
        let next = report.nextGoodSequence.map { both("; następny czytelny zapis to \($0)", "; the next readable record is \($0)") }
            ?? both("; to koniec logu", "; nothing readable follows it")
        let lost: LocalizedText
        switch report.recordsAffected {
        case .some(0), .none: lost = both("", "")
        case .some(let count):
            let first = (report.lastGoodSequence ?? 0) + 1
            lost = count == 1 ? both("; brakuje zapisu \(first)", "; record \(first) is missing")
                : both("; brakuje zapisów \(first)–\(first + count - 1)", "; records \(first)–\(first + count - 1) are missing")
        }
        let why = cause(report.cause, offset: report.offset)
        let size = report.length > 0 ? both("\(report.length) B, ", "\(report.length) bytes, ") : both("", "")
        let place = both("Log jest uszkodzony w bajcie \(report.offset) (\(size.pl)\(after.pl)\(next.pl)\(lost.pl)): \(why.pl).",
                         "The event log is damaged at byte offset \(report.offset) (\(size.en)\(after.en)\(next.en)\(lost.en)): \(why.en).")
        if report.isNewerFormat {
            return both(place.pl + " Zapis jest wstrzymany do aktualizacji asodesk (naprawa tego nie rusza).",
                        place.en + " Saving is blocked until asodesk is updated (repair leaves such records alone).")
        }
        if case .misstatedMarker = report.cause {
            return both(place.pl + " Porównaj z kopią zapasową: znacznik naprawy mógł zostać dopisany ręcznie.",
                        place.en + " Compare with a backup: the repair marker may have been written by hand.")
        }
        return both(place.pl + " Zapis jest wstrzymany, dopóki ktoś nie uruchomi `asodesk repair`.",
                    place.en + " Saving is blocked until someone runs `asodesk repair`.")
    }

    static func cause(_ cause: DamageCause, offset: UInt64) -> LocalizedText {
        switch cause {
        case .unreadable(let frameFault): return fault(frameFault)
        case .sequenceJump(let expected, let found):
            return found < expected
                ? both("zapis \(found) cofa numerację (oczekiwano \(expected)): zapis powtórzony, przestawiony albo z innego logu", "record \(found) goes back in the sequence (expected \(expected)): a repeated, reordered or foreign record")
                : both("numeracja skacze z \(expected - 1) do \(found) (zapis usunięty albo plik edytowany)", "the sequence jumps from \(expected - 1) to \(found) (a record was removed or the file was edited)")
        case .altered(let sequence, let nextSequence, let nextOffset):
            return both("zapis \(sequence) w bajcie \(offset) zmieniono po zapisaniu: zapis \(nextSequence) w bajcie \(nextOffset) ma inny jego odcisk", "record \(sequence) at offset \(offset) was changed after it was written: record \(nextSequence) at offset \(nextOffset) holds a different fingerprint of it")
        case .unfinishedSave:
            return both("niedokończony zapis (przerwany w trakcie)", "an unfinished save (interrupted while writing)")
        case .unreadableMarker:
            return both("znacznik naprawy, którego treści nie da się odczytać", "a repair marker whose contents cannot be read")
        case .misstatedMarker(let claimedLost, let chainLost):
            let claimed = claimedLost == 0 ? both("że nic nie utracono", "no record lost") : both("utratę \(claimedLost) zapisów", "\(claimedLost) record(s) lost")
            return both("znacznik naprawy podaje \(claimed.pl), a łańcuch pomija w tym miejscu \(chainLost) zapisów",
                        "a repair marker claims \(claimed.en), but the chain skips \(chainLost) there")
        }
    }

    public static func problem(_ problem: VerifyProblem) -> LocalizedText {
        let d = problem.damage
        switch problem.kind {
        case .incompleteTail:
            let after = d.lastGoodSequence.map { both("po zapisie \($0)", "after record \($0)") } ?? both("przed pierwszym zapisem", "before any record")
            return both("Ostatnie \(d.length) bajtów (od bajtu \(d.offset), \(after.pl)) to niedokończony zapis przerwanego zapisywania, nigdy niepotwierdzony. Następny zapis albo `asodesk repair` odkłada je do pliku kwarantanny.",
                        "The last \(d.length) bytes (from offset \(d.offset), \(after.en)) are an unfinished record, left by an interrupted save that was never acknowledged. The next save or `asodesk repair` sets them aside in a quarantine file.")
        case .damagedEnd:
            return damage(d)
        case .unreadableBytes, .sequenceGap, .chainBreak, .misstatedMarker:
            return damage(d)
        }
    }

    public static func warning(_ warning: LogWarning) -> LocalizedText {
        switch warning {
        case .damaged(let reports):
            let first = reports.first.map(damage) ?? both("", "")
            return both("log jest uszkodzony: \(first.pl) To, co widać, może nie zawierać uszkodzonych zapisów.",
                        "the log is damaged: \(first.en) What is shown may miss the damaged records.")
        case .readOnly(let reason):
            let why = readOnly(reason)
            return both("log jest tu tylko do odczytu (\(why.pl)); z tego terminala nic nie zostanie zapisane",
                        "the log is read-only here (\(why.en)); nothing can be saved from this terminal")
        case .newerRecords(let count):
            return both("zapisów nowszej wersji asodesk, których tu nie widać: \(count); zaktualizuj asodesk, aby je zobaczyć i zapisywać",
                        "\(count) record(s) were written by a newer asodesk and are not shown; update asodesk to see them and to save")
        case .unprovenAuthors(let count, let first):
            return both("zapisów, których autora nie potwierdza podpis: \(count) (pierwszy: zapis \(first)); `asodesk verify` wymienia każdy",
                        "\(count) record(s) whose author no signature proves (the first: record \(first)); `asodesk verify` names each")
        case .peopleNotListed(let ids, let configured):
            let shown = ids.prefix(5).joined(separator: ", ") + (ids.count > 5 ? ", …" : "")
            return configured
                ? both("osoby z logu, których nie ma wśród operatorów w konfiguracji stanowiska: \(shown); widać je tu z identyfikatorem zamiast nazwiska — "
                        + "wpisu [[operator]] w site.toml obok logu nie usuwa się, unieważnia się klucz",
                       "people in the log whom the site config's operators do not list: \(shown); they show by id instead of by name — "
                        + "the shift lead keeps every [[operator]] entry (site.toml beside the log) and revokes a key instead of deleting it")
                : both("w logu zapisują zdarzenia różne osoby (\(shown)), a ta konfiguracja stanowiska nie wymienia operatorów: tu widać identyfikatory zamiast nazwisk "
                        + "i podpisy nie są sprawdzane; użyj site.toml stanowiska (obok logu albo --config)",
                       "several people work in this log (\(shown)) but this site config lists no operators: ids show here instead of names "
                        + "and signatures are not checked; use the desk's site.toml (beside the log, or --config)")
        }
    }

    // MARK: Authorship (signatures)

    /// What is wrong with a record's signature, as `verify`, `show` and the dashboard say it.
    public static func authorship(_ problem: AuthorshipProblem) -> LocalizedText {
        switch problem {
        case .unsigned:
            return both("bez podpisu", "unsigned")
        case .malformedSignature:
            return both("podpis nieczytelny", "signature malformed")
        case .wrongSignature(let signer):
            return both("podpis \(signer) się nie zgadza (zapis zmieniony po podpisaniu albo podrobiony)",
                        "signature of \(signer) does not verify (changed after signing, or forged)")
        case .signedByOther(let signer):
            return both("podpisany przez \(signer), nie przez autora", "signed by \(signer), not by its author")
        case .unregisteredKey(let signer, let keyID):
            return both("podpisany kluczem \(keyID), którego \(signer) nie ma w konfiguracji stanowiska",
                        "signed with key \(keyID), which the site config does not register for \(signer)")
        case .keyNotValid(let signer, let keyID, let at):
            let when = ISO8601DateFormatter().string(from: at)
            return both("klucz \(keyID) osoby \(signer) nie był ważny w chwili zapisu (\(when))",
                        "key \(keyID) of \(signer) was not valid at the record's time (\(when))")
        case .markerNotByLead(let signer):
            let who = signer ?? "?"
            return both("znacznik naprawy niepodpisany przez kierownika zmiany (\(who))",
                        "repair marker not signed by a shift lead (\(who))")
        }
    }

    /// One line of `verify` about a record whose author is not proven.
    public static func unproven(_ record: UnprovenRecord) -> LocalizedText {
        let what = authorship(record.problem)
        let number = record.number.map { " \($0)" } ?? ""
        let author = record.claimedAuthor ?? "?"
        switch record.kind {
        case .event:
            return both("zapis \(record.sequence)\(number), autor wg zapisu \(author): \(what.pl)",
                        "record \(record.sequence)\(number), claimed author \(author): \(what.en)")
        case .training:
            return both("zapis \(record.sequence) (ćwiczenie), osoba wg zapisu \(author): \(what.pl)",
                        "record \(record.sequence) (training), claimed person \(author): \(what.en)")
        case .feedback:
            return both("zapis \(record.sequence) (ankieta lub audyt), zapisał wg zapisu \(author): \(what.pl)",
                        "record \(record.sequence) (survey or audit result), claimed author \(author): \(what.en)")
        case .improvement:
            return both("zapis \(record.sequence) (działanie korygujące), autor wg zapisu \(author): \(what.pl)",
                        "record \(record.sequence) (corrective action), claimed author \(author): \(what.en)")
        case .repairMarker:
            return both("znacznik naprawy po zapisie \(record.sequence): \(what.pl)",
                        "repair marker after record \(record.sequence): \(what.en)")
        case .header:
            return both("zapis \(record.sequence) (nagłówek dziennika), założył wg zapisu \(author): \(what.pl)",
                        "record \(record.sequence) (the log's header), claimed creator \(author): \(what.en)")
        }
    }

    /// Why a private key cannot be used, and what to do.
    public static func keyProblem(_ problem: SigningKeyProblem) -> LocalizedText {
        switch problem {
        case .missing(let id, let path):
            return both("\(id) nie ma klucza podpisu (\(path)); uruchom `asodesk key new`, a wypisane linie daj kierownikowi zmiany do site.toml",
                        "\(id) has no signing key (\(path)); run `asodesk key new` and give the lines it prints to the shift lead for site.toml")
        case .notPrivate(let path, let mode):
            let octal = String(mode, radix: 8)
            return both("plik klucza \(path) mogą czytać lub zmieniać inni (tryb \(octal)); nie jest używany. Popraw: chmod 600 \(path)",
                        "the key file \(path) may be read or written by others (mode \(octal)); it is not used. Fix: chmod 600 \(path)")
        case .wrongOwner(let path, let owner):
            return both("plik klucza \(path) należy do innego użytkownika (uid \(owner)); nie jest używany. Klucz tworzy jego właściciel: `asodesk key new`",
                        "the key file \(path) belongs to another user (uid \(owner)); it is not used. Its owner creates a key with `asodesk key new`")
        case .notARegularFile(let path):
            return both("\(path) nie jest zwykłym plikiem (dowiązanie, katalog?); klucz nie jest używany", "\(path) is not a regular file (a link, a folder?); the key is not used")
        case .malformed(let path, let line):
            return both("plik klucza \(path) jest uszkodzony (linia \(line)); utwórz nowy: `asodesk key new --force`",
                        "the key file \(path) is malformed (line \(line)); make a new one with `asodesk key new --force`")
        case .passphraseNeeded(let id):
            return both("klucz \(id) jest zapieczętowany hasłem; podaj je (terminal lub pierwsza linia wejścia)",
                        "the key of \(id) is sealed with a passphrase; give it (on the terminal, or as the first line of standard input)")
        case .wrongPassphrase(let id):
            return both("złe hasło do klucza \(id); nic nie zapisano", "wrong passphrase for the key of \(id); nothing was saved")
        case .otherOperator(let path, let found, let expected):
            return both("plik \(path) to klucz \(found), nie \(expected)", "the file \(path) holds the key of \(found), not of \(expected)")
        case .unreadable(let path, let code):
            return both("nie można odczytać \(path) (\(String(cString: strerror(code))))", "cannot read \(path) (\(String(cString: strerror(code))))")
        }
    }

    // MARK: Repair and its record

    public static func repair(_ report: RepairReport) -> LocalizedText {
        guard report.changed else {
            return both("Log jest zdrowy; nic nie zmieniono (zapisów: \(report.recordsKept)).", "The event log is healthy; nothing was changed (\(report.recordsKept) records).")
        }
        var pl = "Naprawiono log: zachowano zapisów: \(report.recordsKept), udokumentowano zmian: \(report.gapsDocumented)"
        var en = "Repaired the event log: kept \(report.recordsKept) records, documented \(report.gapsDocumented) change\(report.gapsDocumented == 1 ? "" : "s")"
        if report.recordsLost > 0 {
            pl += ", brakujących zapisów: \(report.recordsLost)"
            en += ", \(report.recordsLost) record\(report.recordsLost == 1 ? "" : "s") missing or unreadable"
        }
        for cause in RemovedPiece.Cause.allCases {
            guard let count = report.setAside[cause], count > 0 else { continue }
            let name = pieceCause(cause)
            pl += "; odłożono (\(name.pl)): \(count)"
            en += "; set aside (\(name.en)): \(count)"
        }
        if report.reordered > 0 {
            pl += "; zapisów przywróconych na miejsce w łańcuchu: \(report.reordered)"
            en += "; \(report.reordered) record\(report.reordered == 1 ? "" : "s") put back in chain order"
        }
        if let quarantine = report.quarantinePath {
            pl += "; \(report.bytesSetAside) bajtów odłożono do \(quarantine)"
            en += "; \(report.bytesSetAside) bytes set aside in \(quarantine)"
        }
        if let backup = report.backupPath {
            pl += "; poprzedni plik zachowano jako \(backup)"
            en += "; the previous file is kept as \(backup)"
        }
        if !report.staleFilesRemoved.isEmpty {
            pl += "; usunięto pozostałości przerwanych napraw: \(report.staleFilesRemoved.count)"
            en += "; removed \(report.staleFilesRemoved.count) leftover copies of killed repairs"
        }
        return both(pl + ".", en + ".")
    }

    static func pieceCause(_ cause: RemovedPiece.Cause) -> LocalizedText {
        switch cause {
        case .unreadable: return both("nieczytelne bajty", "unreadable bytes")
        case .altered: return both("zapis zmieniony po zapisaniu", "record changed after it was written")
        case .duplicate: return both("duplikat zapisu", "duplicate record")
        case .foreignChain: return both("zapis z innego logu", "record of another log")
        case .outOfPlace: return both("zapis spoza łańcucha", "record outside the chain")
        case .unfinishedSave: return both("niedokończony zapis", "unfinished save")
        case .damagedEnd: return both("uszkodzony koniec", "damaged end")
        }
    }

    /// One repair marker: what it removed or found missing, when and by whom.
    public static func marker(_ marker: RepairGapMarker) -> LocalizedText {
        let who = marker.repairedBy.map { both(" przez \($0)", " by \($0)") } ?? both("", "")
        var pl = "naprawa \(marker.repairedAt)\(who.pl)"
        var en = "repair on \(marker.repairedAt)\(who.en)"
        if marker.lostCount == 1 {
            pl += ": brak zapisu \(marker.lostFrom)"
            en += ": record \(marker.lostFrom) missing"
        } else if marker.lostCount > 1 {
            pl += ": brak zapisów \(marker.lostFrom)–\(marker.lostThrough)"
            en += ": records \(marker.lostFrom)–\(marker.lostThrough) missing"
        }
        if marker.repairedBy == nil {
            pl += " (bez podpisu wykonawcy: starsza wersja asodesk albo dopisany ręcznie)"
            en += " (it names nobody: an older asodesk, or written by hand)"
        }
        let pieces = marker.pieces ?? []
        if !pieces.isEmpty {
            let listPL = pieces.map { "\(pieceCause($0.cause).pl)\($0.sequence.map { " (nr \($0))" } ?? ""), \($0.length) B z bajtu \($0.originalOffset)" }
            let listEN = pieces.map { "\(pieceCause($0.cause).en)\($0.sequence.map { " (sequence \($0))" } ?? ""), \($0.length) B from offset \($0.originalOffset)" }
            pl += "; usunięto: " + listPL.joined(separator: "; ")
            en += "; removed: " + listEN.joined(separator: "; ")
        } else if marker.pieces == nil, marker.removedBytes > 0 || marker.lostCount > 0 {
            pl += " (\(marker.reason))"
            en += " (\(marker.reason))"
        }
        if marker.removedBytes > 0 {
            pl += "; razem \(marker.removedBytes) B, SHA-256 \(marker.removedBytesSHA256)\(marker.quarantineFile.map { ", w \($0)" } ?? "")"
            en += "; \(marker.removedBytes) bytes in all, SHA-256 \(marker.removedBytesSHA256)\(marker.quarantineFile.map { ", kept in \($0)" } ?? "")"
        }
        if let reordered = marker.reordered {
            pl += "; przywrócono kolejność \(reordered) zapisów"
            en += "; \(reordered) records put back in chain order"
        }
        return both(pl, en)
    }

    public static func sideFile(_ file: LogSideFile) -> LocalizedText {
        let kind: LocalizedText
        switch file.kind {
        case .backup: kind = both("kopia sprzed naprawy", "backup from before a repair")
        case .quarantine: kind = both("odłożone bajty", "bytes set aside")
        case .repairCopy: kind = both("niedokończona kopia przerwanej naprawy (usuwa ją następny zapis)", "unfinished copy of a killed repair (the next save removes it)")
        case .snapshot: kind = both("pamięć podręczna startu", "start-up cache")
        case .snapshotTemporary: kind = both("niedokończona kopia pamięci podręcznej (usuwana, gdy jej proces się skończył)", "unfinished copy of the start-up cache (removed once its process has ended)")
        }
        return both("\(file.path): \(kind.pl), \(file.size) B", "\(file.path): \(kind.en), \(file.size) bytes")
    }
}
