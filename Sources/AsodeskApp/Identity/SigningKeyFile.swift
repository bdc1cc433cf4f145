import AsodeskDomain
import AsodeskLog
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An operator's private signing key on disk (`asodesk key new`): `<folder>/<operator-id>.key`,
/// the folder `0700`, the file `0600`, owned by the operator. Text, one field a line:
///
///     asodesk-signing-key 1
///     operator anowak
///     public <base64 of the 32-byte public key>
///     created 2026-12-03
///     seed <base64 of the 32-byte private key>            (a plain key)
///     sealed scrypt$15$8$1$<base64 salt>                   (a sealed key, instead of seed:
///     box <base64 of ChaChaPoly nonce ‖ ciphertext ‖ tag>   the seed sealed under the passphrase)
///
/// A sealed key's box is opened with `Passphrase.derive(passphrase, salt)`; the operator id and
/// public key are its authenticated data, so neither can be swapped under another person's box.
public struct SigningKeyFile: Sendable, Equatable {
    public var operatorID: String
    public var publicKey: [UInt8]
    public var created: LocalDate
    public enum Secret: Sendable, Equatable {
        case plain(seed: [UInt8])
        case sealed(cost: Passphrase.Cost, salt: [UInt8], box: [UInt8])
    }
    public var secret: Secret

    public var isSealed: Bool { if case .sealed = secret { return true } else { return false } }
    public var keyID: FrameKeyID { FrameKeyID(publicKey: publicKey) }
    public var publicKeyBase64: String { Data(publicKey).base64EncodedString() }

    static let magic = "asodesk-signing-key 1"

    /// A new random key; sealed under `passphrase` when one is given.
    public static func generate(operatorID: String, created: LocalDate, passphrase: String?,
                                cost: Passphrase.Cost = .standard) throws -> SigningKeyFile {
        let key = Curve25519.Signing.PrivateKey()
        let seed = Array(key.rawRepresentation)
        let publicKey = Array(key.publicKey.rawRepresentation)
        var file = SigningKeyFile(operatorID: operatorID, publicKey: publicKey, created: created, secret: .plain(seed: seed))
        if let passphrase { try file.seal(seed: seed, passphrase: passphrase, cost: cost) }
        return file
    }

    mutating func seal(seed: [UInt8], passphrase: String, cost: Passphrase.Cost) throws {
        let salt = Passphrase.newSalt()
        let key = SymmetricKey(data: try Passphrase.derive(passphrase, salt: salt, cost: cost))
        let box = try ChaChaPoly.seal(seed, using: key, authenticating: authenticatedData)
        secret = .sealed(cost: cost, salt: salt, box: Array(box.combined))
    }

    private var authenticatedData: [UInt8] { Array("\(operatorID)\n".utf8) + publicKey }

    /// The key that signs, opened with `passphrase` when sealed.
    public func signer(passphrase: String?) throws(SigningKeyProblem) -> Ed25519FrameSigner {
        let seed: [UInt8]
        switch secret {
        case .plain(let plain):
            seed = plain
        case .sealed(let cost, let salt, let box):
            guard let passphrase else { throw .passphraseNeeded(operatorID: operatorID) }
            guard let derived = try? Passphrase.derive(passphrase, salt: salt, cost: cost),
                  let sealedBox = try? ChaChaPoly.SealedBox(combined: box),
                  let opened = try? ChaChaPoly.open(sealedBox, using: SymmetricKey(data: derived), authenticating: authenticatedData)
            else { throw .wrongPassphrase(operatorID: operatorID) }
            seed = Array(opened)
        }
        guard let signer = try? Ed25519FrameSigner(signerID: operatorID, seed: seed), signer.publicKey == publicKey else {
            throw .malformed(path: "", line: 0)
        }
        return signer
    }

    public var text: String {
        var lines = [Self.magic, "operator \(operatorID)", "public \(publicKeyBase64)", "created \(created)"]
        switch secret {
        case .plain(let seed):
            lines.append("seed \(Data(seed).base64EncodedString())")
        case .sealed(let cost, let salt, let box):
            lines.append("sealed scrypt$\(cost.log2Rounds)$\(cost.blockSize)$\(cost.parallelism)$\(Data(salt).base64EncodedString())")
            lines.append("box \(Data(box).base64EncodedString())")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func parse(_ text: String, path: String) throws(SigningKeyProblem) -> SigningKeyFile {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == magic else { throw .malformed(path: path, line: 1) }
        var fields: [String: (String, Int)] = [:]
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            guard let space = line.firstIndex(of: " ") else { throw .malformed(path: path, line: index + 1) }
            fields[String(line[..<space])] = (String(line[line.index(after: space)...]), index + 1)
        }
        func field(_ name: String) throws(SigningKeyProblem) -> String {
            guard let value = fields[name]?.0 else { throw .malformed(path: path, line: lines.count) }
            return value
        }
        func base64(_ name: String, count: Int? = nil) throws(SigningKeyProblem) -> [UInt8] {
            guard let data = Data(base64Encoded: try field(name)), count.map({ data.count == $0 }) ?? true else {
                throw .malformed(path: path, line: fields[name]?.1 ?? 0)
            }
            return Array(data)
        }
        let id = try field("operator")
        let publicKey = try base64("public", count: 32)
        guard let created = LocalDate(iso: try field("created")) else { throw .malformed(path: path, line: fields["created"]?.1 ?? 0) }
        let secret: Secret
        if fields["seed"] != nil {
            secret = .plain(seed: try base64("seed", count: 32))
        } else {
            let parts = try field("sealed").split(separator: "$")
            guard parts.count == 5, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
                  let salt = Data(base64Encoded: String(parts[4])), salt.count >= 16 else {
                throw .malformed(path: path, line: fields["sealed"]?.1 ?? 0)
            }
            secret = .sealed(cost: Passphrase.Cost(log2Rounds: n, blockSize: r, parallelism: p), salt: Array(salt), box: try base64("box"))
        }
        return SigningKeyFile(operatorID: id, publicKey: publicKey, created: created, secret: secret)
    }
}

/// Why a key cannot be used. Structured: the command line and the dashboard put it into words
/// (`LogText.keyProblem`).
public enum SigningKeyProblem: Error, Sendable, Equatable {
    /// No key file for the operator.
    case missing(operatorID: String, path: String)
    /// Readable or writable by group or others: `chmod 600`.
    case notPrivate(path: String, mode: UInt32)
    /// Owned by another user.
    case wrongOwner(path: String, owner: UInt32)
    /// A link, a folder or anything but a regular file.
    case notARegularFile(path: String)
    case malformed(path: String, line: Int)
    case passphraseNeeded(operatorID: String)
    case wrongPassphrase(operatorID: String)
    /// The file is for another operator than its name says.
    case otherOperator(path: String, found: String, expected: String)
    case unreadable(path: String, code: Int32)
}

/// Where private keys live: `$ASODESK_KEYS`, else `$XDG_DATA_HOME/asodesk/keys` (the demo: its
/// own folder's `keys/`). One file per operator, `<id>.key`; a rotated key is kept as
/// `<id>.key.<YYYY-MM-DD>` (`-2`, `-3`… when taken).
public struct SigningKeyStore: Sendable, Equatable {
    public var folder: String
    public init(folder: String) { self.folder = folder }

    public static func standard(env: [String: String]) -> SigningKeyStore {
        if let named = env["ASODESK_KEYS"], !named.isEmpty { return SigningKeyStore(folder: DeskPaths.expandingHome(named, env: env)) }
        return SigningKeyStore(folder: DeskPaths.dataDirectory(env: env) + "/keys")
    }

    public func path(of operatorID: String) -> String { folder + "/" + operatorID + ".key" }

    /// Reads `<id>.key`, refusing a file that others may read or write, or that another user owns
    /// (root may use any), or that is not a regular file. Nothing is followed through a link.
    public func load(_ operatorID: String) throws(SigningKeyProblem) -> SigningKeyFile {
        let path = path(of: operatorID)
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw .missing(operatorID: operatorID, path: path)
            case ELOOP: throw .notARegularFile(path: path)
            case let code: throw .unreadable(path: path, code: code)
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: path, code: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile(path: path) }
        if info.st_mode & 0o077 != 0 { throw .notPrivate(path: path, mode: UInt32(info.st_mode & 0o777)) }
        if geteuid() != 0, info.st_uid != geteuid() { throw .wrongOwner(path: path, owner: UInt32(info.st_uid)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 64 * 1024 {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; throw .unreadable(path: path, code: errno) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        let file = try SigningKeyFile.parse(String(decoding: bytes, as: UTF8.self), path: path)
        guard file.operatorID == operatorID else { throw .otherOperator(path: path, found: file.operatorID, expected: operatorID) }
        return file
    }

    public func exists(_ operatorID: String) -> Bool {
        var info = stat()
        return lstat(path(of: operatorID), &info) == 0
    }

    /// Writes a new key file, created exclusively (`0600`) in a private folder (`0700`). With
    /// `rotate`, an existing key is first kept as `<id>.key.<date>`; otherwise an existing one is refused.
    /// Returns the path of the kept old key, if any.
    @discardableResult
    public func save(_ file: SigningKeyFile, rotate: Bool, today: LocalDate) throws(FileCreationError) -> String? {
        try ExclusiveFile.privateFolder(folder)
        let path = path(of: file.operatorID)
        var kept: String?
        if exists(file.operatorID) {
            guard rotate else { throw .exists(path: path) }
            try ExclusiveFile.checkWritable(path, existing: .replace, protected: [])
            for attempt in 1...1000 {
                let candidate = path + ".\(today)" + (attempt == 1 ? "" : "-\(attempt)")
                var info = stat()
                if lstat(candidate, &info) == 0 { continue }
                // link + unlink: the old key never stands under a name another writer could take.
                guard link(path, candidate) == 0 else {
                    if errno == EEXIST { continue }
                    throw .system(path: candidate, step: .rename, code: errno)
                }
                guard unlink(path) == 0 else { throw .system(path: path, step: .rename, code: errno) }
                kept = candidate
                break
            }
        }
        try ExclusiveFile.write(Array(file.text.utf8), to: path, mode: 0o600, existing: .refuse)
        return kept
    }
}

extension SigningKeyFile {
    /// The lines for the site config (`[[operator.key]]`), for the shift lead to add.
    public func siteConfigLines(validFrom: LocalDate) -> String {
        """
        [[operator.key]]    # \(operatorID), key \(keyID.hex)
        public = "\(publicKeyBase64)"
        valid_from = \(validFrom)
        """
    }
}
