import AsodeskApp
import AsodeskDomain
import Foundation

/// Sends a document the way the site configured: e-mail through the system's sendmail interface
/// (`sendmail -t -i`, as msmtp or postfix provide it), print through CUPS (`lp`). Either returns the
/// bytes of the document that left, whose SHA-256 the answer event records, or throws saying why
/// nothing was sent.
public enum AnswerSending {
    public struct Failure: Error, CustomStringConvertible {
        public var text: LocalizedText
        /// The site has not set up this way of sending (a refusal), rather than a send that failed.
        public var notSetUp = false
        public var description: String { text.en }
    }

    /// The document that goes out: the file given, or the letter as PDF.
    public struct Document {
        public var bytes: [UInt8]
        public var fileName: String
        public var contentType: String
        public init(bytes: [UInt8], fileName: String, contentType: String) {
            self.bytes = bytes; self.fileName = fileName; self.contentType = contentType
        }
        public static func file(_ path: String, bytes: [UInt8]) -> Document {
            let name = (path as NSString).lastPathComponent
            let type = name.lowercased().hasSuffix(".pdf") ? "application/pdf" : "text/plain; charset=utf-8"
            return Document(bytes: bytes, fileName: name, contentType: type)
        }
        public static func letter(_ letter: Letter) throws -> Document {
            Document(bytes: try LetterPDF.render(letter), fileName: letter.fileName("pdf"), contentType: "application/pdf")
        }
    }

    /// E-mails `letter` (its text as the message, `document` attached) to `address`.
    public static func email(_ letter: Letter, document: Document, to address: String, settings: LetterSettings) throws -> [UInt8] {
        guard let sendmail = settings.sendmail else {
            throw Failure(text: LocalizedText(pl: "Serwis nie ma ustawionej wysyłki e-mail ([letters] sendmail w site.toml); wyślij pismo samodzielnie i zapisz odpowiedź z --document.",
                                              en: "The site has no e-mail sending set up ([letters] sendmail in site.toml); send the letter yourself and record the answer with --document."), notSetUp: true)
        }
        guard let from = settings.fromAddress ?? settings.email else {
            throw Failure(text: LocalizedText(pl: "Brak adresu nadawcy ([letters] from).", en: "No sender address ([letters] from)."), notSetUp: true)
        }
        let message = mime(letter, document: document, from: from, to: address)
        try run(sendmail, ["-t", "-i"], input: Array(message.utf8), what: LocalizedText(pl: "wysyłka e-mail", en: "sending the e-mail"))
        return document.bytes
    }

    /// Prints `document` on the site's printer.
    public static func print(_ letter: Letter, document: Document, settings: LetterSettings, lp: String = "/usr/bin/lp") throws -> [UInt8] {
        guard let printer = settings.printer else {
            throw Failure(text: LocalizedText(pl: "Serwis nie ma ustawionej drukarki ([letters] printer w site.toml); wydrukuj pismo samodzielnie i zapisz odpowiedź z --document.",
                                              en: "The site has no printer set up ([letters] printer in site.toml); print the letter yourself and record the answer with --document."), notSetUp: true)
        }
        try run(lp, ["-d", printer, "-t", letter.fileName("pdf"), "-"], input: document.bytes,
                what: LocalizedText(pl: "drukowanie", en: "printing"))
        return document.bytes
    }

    /// The message `sendmail -t` reads: headers, the letter as text, the document attached.
    public static func mime(_ letter: Letter, document: Document, from: String, to: String) -> String {
        let boundary = "asodesk-" + Digest.sha256Hex(document.bytes).prefix(24)
        func encoded(_ header: String) -> String {
            header.allSatisfy(\.isASCII) ? header : "=?UTF-8?B?\(Data(header.utf8).base64EncodedString())?="
        }
        func wrapped(_ bytes: [UInt8]) -> String {
            let text = Data(bytes).base64EncodedString()
            return stride(from: 0, to: text.count, by: 76).map { start in
                let a = text.index(text.startIndex, offsetBy: start)
                return String(text[a..<(text.index(a, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex)])
            }.joined(separator: "\r\n")
        }
        return [
            "From: \(from)", "To: \(to)", "Subject: \(encoded(letter.title))", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
            "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
            wrapped(Array(letter.plainText.utf8)), "",
            "--\(boundary)", "Content-Type: \(document.contentType); name=\"\(document.fileName)\"",
            "Content-Disposition: attachment; filename=\"\(document.fileName)\"", "Content-Transfer-Encoding: base64", "",
            wrapped(document.bytes), "", "--\(boundary)--", "",
        ].joined(separator: "\r\n")
    }

    static func run(_ program: String, _ arguments: [String], input: [UInt8], what: LocalizedText) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw Failure(text: LocalizedText(pl: "\(what.pl): nie można uruchomić \(program) (\(error.localizedDescription)); nic nie wysłano.",
                                              en: "\(what.en): \(program) cannot be started (\(error.localizedDescription)); nothing was sent."))
        }
        stdin.fileHandleForWriting.write(Data(input))
        try? stdin.fileHandleForWriting.close()
        let errorText = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let said = SafeText.singleLine(errorText.trimmingCharacters(in: .whitespacesAndNewlines), maxCharacters: 300)
            throw Failure(text: LocalizedText(
                pl: "\(what.pl) nie powiodła się (\(program), kod \(process.terminationStatus))\(said.isEmpty ? "" : ": \(said)"); nic nie zapisano jako wysłane.",
                en: "\(what.en) failed (\(program), exit \(process.terminationStatus))\(said.isEmpty ? "" : ": \(said)"); nothing is recorded as sent."))
        }
    }
}
