#if canImport(CCryptoBoringSSL)
import CCryptoBoringSSL
#endif
import Crypto
import Foundation

/// What signs a frame as the writer appends it: the app gives the acting person's key; the log
/// asks once the frame's sequence and previous hash are known (under the lock).
public protocol FrameSigner {
    /// The operator id written into the trailer (1–64 bytes of UTF-8).
    var signerID: String { get }
    /// The first 8 bytes of SHA-256 of the public key.
    var keyID: FrameKeyID { get }
    /// The 64-byte Ed25519 signature of `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8]
}

/// A key's short name in a frame: the first 8 bytes of SHA-256 of its 32-byte public key.
public struct FrameKeyID: Hashable, Sendable, CustomStringConvertible, Codable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(publicKey: [UInt8]) { bytes = Array(LogDigest.sha256(publicKey).prefix(8)) }
    public var hex: String { Hex.string(bytes) }
    public var description: String { hex }
}

/// An Ed25519 key that signs frames (swift-crypto; BoringSSL directly where it is built, so a
/// benchmark's million signatures do not allocate a key object each).
public struct Ed25519FrameSigner: FrameSigner, Sendable {
    public let signerID: String
    public let keyID: FrameKeyID
    public let publicKey: [UInt8]
    private let seed: [UInt8]

    /// `seed`: the 32-byte private key (Curve25519.Signing.PrivateKey.rawRepresentation).
    public init(signerID: String, seed: [UInt8]) throws {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        self.signerID = signerID
        self.seed = seed
        publicKey = Array(key.publicKey.rawRepresentation)
        keyID = FrameKeyID(publicKey: publicKey)
        #if canImport(CCryptoBoringSSL)
        expanded = [UInt8](repeating: 0, count: 64)
        var ignored = [UInt8](repeating: 0, count: 32)
        CCryptoBoringSSL_ED25519_keypair_from_seed(&ignored, &expanded, seed)
        #endif
    }

    #if canImport(CCryptoBoringSSL)
    private var expanded: [UInt8]
    #endif

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        #if canImport(CCryptoBoringSSL)
        var signature = [UInt8](repeating: 0, count: FrameSignature.signatureSize)
        guard CCryptoBoringSSL_ED25519_sign(&signature, message, message.count, expanded) == 1 else {
            throw FrameSignatureError.signingFailed
        }
        return signature
        #else
        return Array(try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: message))
        #endif
    }
}

public enum FrameSignatureError: Error, Equatable, Sendable {
    case signingFailed
    /// A signer id must be 1–64 bytes of UTF-8.
    case badSignerID(String)
}

/// The signature block a signed frame carries at the end of its payload region (see
/// docs/log-format.md): signer id (n bytes), n (1 byte), key id (8 bytes), signature (64 bytes).
public struct FrameSignature: Sendable, Equatable, Hashable {
    public var signerID: String
    public var keyID: FrameKeyID
    public var signature: [UInt8]

    public static let signatureSize = 64
    public static let keyIDSize = 8
    public static let maximumSignerIDSize = 64
    /// Bytes of the trailer after the signer id.
    static let fixedSize = 1 + keyIDSize + signatureSize
    /// Domain separation: a signature over a frame can never be taken for one over anything else.
    public static let context: [UInt8] = Array("asodesk frame signature v1".utf8) + [0]

    /// The trailer's length when the `payloadLength` bytes at `payloadStart` end with a well-formed one.
    static func trailerLength(_ bytes: UnsafeRawBufferPointer, payloadStart: Int, payloadLength: Int) -> Int? {
        guard payloadLength >= fixedSize + 1 else { return nil }
        let idLength = Int(bytes[payloadStart + payloadLength - fixedSize])
        guard idLength >= 1, idLength <= maximumSignerIDSize, payloadLength >= fixedSize + idLength else { return nil }
        return fixedSize + idLength
    }

    /// The bytes that are signed: context, kind, encoding, sequence, previous hash, body length
    /// and body, signer id length and signer id, key id.
    public static func message(kind: UInt8, encoding: UInt8, sequence: UInt64, previousHash: LogHash,
                               body: UnsafeRawBufferPointer, signerID: UnsafeRawBufferPointer, keyID: UnsafeRawBufferPointer) -> [UInt8] {
        var message = [UInt8]()
        appendMessage(to: &message, kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash,
                      body: body, signerID: signerID, keyID: keyID)
        return message
    }

    static func appendMessage(to message: inout [UInt8], kind: UInt8, encoding: UInt8, sequence: UInt64, previousHash: LogHash,
                              body: UnsafeRawBufferPointer, signerID: UnsafeRawBufferPointer, keyID: UnsafeRawBufferPointer) {
        message.reserveCapacity(message.count + context.count + 2 + 8 + 32 + 4 + body.count + 1 + signerID.count + keyIDSize)
        message += context
        message.append(kind)
        message.append(encoding)
        FrameCodec.appendLittleEndian(sequence, to: &message)
        withUnsafeBytes(of: previousHash.words) { message += $0 }
        FrameCodec.appendLittleEndian(UInt32(body.count), to: &message)
        message += body
        message.append(UInt8(signerID.count))
        message += signerID
        message += keyID
    }

    static func trailer(kind: UInt8, encoding: UInt8, sequence: UInt64, previousHash: LogHash,
                        body: [UInt8], signer: any FrameSigner) throws -> [UInt8] {
        let id = Array(signer.signerID.utf8)
        guard (1...maximumSignerIDSize).contains(id.count) else { throw FrameSignatureError.badSignerID(signer.signerID) }
        let keyID = signer.keyID.bytes
        let message = body.withUnsafeBytes { bodyBytes in
            id.withUnsafeBytes { idBytes in
                keyID.withUnsafeBytes { keyBytes in
                    Self.message(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash,
                                 body: bodyBytes, signerID: idBytes, keyID: keyBytes)
                }
            }
        }
        let signature = try signer.sign(message)
        guard signature.count == signatureSize else { throw FrameSignatureError.signingFailed }
        return id + [UInt8(id.count)] + keyID + signature
    }

    /// Whether `signature` is `publicKey`'s Ed25519 signature of `message`.
    public static func isValid(_ signature: UnsafeRawBufferPointer, of message: UnsafeRawBufferPointer, publicKey: [UInt8]) -> Bool {
        guard signature.count == signatureSize, publicKey.count == 32 else { return false }
        #if canImport(CCryptoBoringSSL)
        return publicKey.withUnsafeBufferPointer { key in
            CCryptoBoringSSL_ED25519_verify(message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count,
                                            signature.baseAddress!.assumingMemoryBound(to: UInt8.self), key.baseAddress!) == 1
        }
        #else
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(Data(signature), for: Data(message))
        #endif
    }
}

/// The signature block of a record as a streamed read hands it out: views of the read buffer.
public struct FrameSignatureView {
    public let signerIDBytes: UnsafeRawBufferPointer
    public let keyIDBytes: UnsafeRawBufferPointer
    public let signatureBytes: UnsafeRawBufferPointer

    /// Splits a trailer (nothing is copied).
    init(trailer: UnsafeRawBufferPointer) {
        let idLength = trailer.count - FrameSignature.fixedSize
        signerIDBytes = UnsafeRawBufferPointer(rebasing: trailer[0..<idLength])
        keyIDBytes = UnsafeRawBufferPointer(rebasing: trailer[(idLength + 1)..<(idLength + 1 + FrameSignature.keyIDSize)])
        signatureBytes = UnsafeRawBufferPointer(rebasing: trailer[(idLength + 1 + FrameSignature.keyIDSize)...])
    }

    /// nil when the id is not UTF-8.
    public var signerID: String? { String(validating: signerIDBytes, as: UTF8.self) }
    public var keyID: FrameKeyID { FrameKeyID(bytes: Array(keyIDBytes)) }
    /// Whether the signer id is `id`, without making a string.
    public func signerIs(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { $0.elementsEqual(signerIDBytes) }
    }
    public var owned: FrameSignature {
        FrameSignature(signerID: String(decoding: signerIDBytes, as: UTF8.self), keyID: keyID, signature: Array(signatureBytes))
    }
}

/// What a record says of its author's signature.
public enum FrameSignatureBlock {
    case none
    /// The signed flag is set but no well-formed trailer ends the payload.
    case malformed
    case signed(FrameSignatureView)
}

extension FrameSignatureView {
    /// The message this trailer signs, for a record's header fields and body.
    public func message(kind: UInt8, encoding: UInt8, sequence: UInt64, previousHash: LogHash, body: UnsafeRawBufferPointer) -> [UInt8] {
        FrameSignature.message(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash,
                               body: body, signerID: signerIDBytes, keyID: keyIDBytes)
    }
}
