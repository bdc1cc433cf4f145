import Crypto
import CryptoExtras
import Foundation

/// The one slow, salted key derivation of asodesk (scrypt): a PIN's hash in the site config and
/// the key that seals a shared account's private signing key both come from here.
public enum Passphrase {
    /// scrypt cost: 2^15 rounds, block size 8, parallelism 1 (32 MiB, a fraction of a second):
    /// slow enough that guessing a short PIN from a copied hash takes a long time per guess.
    public struct Cost: Hashable, Sendable {
        public var log2Rounds: Int
        public var blockSize: Int
        public var parallelism: Int
        public static let standard = Cost(log2Rounds: 15, blockSize: 8, parallelism: 1)
        public init(log2Rounds: Int, blockSize: Int, parallelism: Int) {
            self.log2Rounds = log2Rounds; self.blockSize = blockSize; self.parallelism = parallelism
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// Not "scrypt$LOG2N$R$P$SALT$HASH" with base64 salt and hash.
        case malformedHash
        /// Cost outside what this asodesk accepts (a hash that would take hours or gigabytes).
        case unacceptableCost
    }

    /// 32 bytes derived from `passphrase` and `salt`.
    public static func derive(_ passphrase: String, salt: [UInt8], cost: Cost = .standard) throws -> [UInt8] {
        guard (10...20).contains(cost.log2Rounds), (1...16).contains(cost.blockSize), (1...4).contains(cost.parallelism) else {
            throw Problem.unacceptableCost
        }
        let key = try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                           rounds: 1 << cost.log2Rounds, blockSize: cost.blockSize,
                                           parallelism: cost.parallelism, maxMemory: 256 << 20)
        return key.withUnsafeBytes { Array($0) }
    }

    /// A new random salt.
    public static func newSalt() -> [UInt8] {
        SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
    }

    /// The text kept in the site config for a PIN: `scrypt$15$8$1$<salt>$<hash>` (base64).
    public static func hash(_ pin: String, cost: Cost = .standard) throws -> String {
        let salt = newSalt()
        let derived = try derive(pin, salt: salt, cost: cost)
        return "scrypt$\(cost.log2Rounds)$\(cost.blockSize)$\(cost.parallelism)$"
            + Data(salt).base64EncodedString() + "$" + Data(derived).base64EncodedString()
    }

    /// Whether `text` is a hash `hash(_:)` could have written (checked when the config is read).
    public static func isWellFormed(_ text: String) -> Bool { (try? parse(text)) != nil }

    /// Whether `pin` is the one `stored` was made from; compared in constant time.
    public static func matches(_ pin: String, _ stored: String) throws -> Bool {
        let (cost, salt, expected) = try parse(stored)
        let derived = try derive(pin, salt: salt, cost: cost)
        guard derived.count == expected.count else { return false }
        return zip(derived, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func parse(_ text: String) throws -> (Cost, [UInt8], [UInt8]) {
        let parts = text.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: String(parts[4])), salt.count >= 16,
              let hash = Data(base64Encoded: String(parts[5])), hash.count == 32 else { throw Problem.malformedHash }
        let cost = Cost(log2Rounds: n, blockSize: r, parallelism: p)
        guard (10...20).contains(n), (1...16).contains(r), (1...4).contains(p) else { throw Problem.unacceptableCost }
        return (cost, Array(salt), Array(hash))
    }
}
