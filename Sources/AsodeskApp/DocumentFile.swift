import AsodeskDomain
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A photo or document named by its file: asodesk reads the file only to compute its SHA-256 and
/// records the reference and the hash (`ComplaintAction.attach`), never the bytes.
public enum DocumentFile {
    /// Why a file cannot be attached. Words: `Labels.documentProblem`.
    public enum Problem: Error, Sendable, Hashable {
        case notFound(path: String)
        case notARegularFile(path: String)
        case unreadable(path: String, errno: Int32)
    }

    /// The reference for a file: its absolute path (a relative path means nothing on another
    /// terminal), the description, and the SHA-256 of its bytes, read in chunks.
    public static func reference(path: String, description: String?, currentDirectory: String = FileManager.default.currentDirectoryPath)
        -> Result<DocumentReference, Problem> {
        let absolute = path.hasPrefix("/") ? path : URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path
        return sha256(of: absolute).map { DocumentReference(reference: absolute, description: description, sha256: $0) }
    }

    /// Lowercase hex SHA-256 of a regular file. Opened without blocking, so a FIFO cannot make it wait.
    public static func sha256(of path: String) -> Result<String, Problem> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            return .failure(code == ENOENT || code == ENOTDIR ? .notFound(path: path) : .unreadable(path: path, errno: code))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(path: path, errno: errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.notARegularFile(path: path)) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(path: path, errno: errno))
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return .success(hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

extension Labels {
    /// Why a file was not attached, and what to do; nothing was written.
    public static func documentProblem(_ problem: DocumentFile.Problem) -> LocalizedText {
        switch problem {
        case .notFound(let path):
            return LocalizedText("Nie ma pliku \(path); sprawdź ścieżkę (albo podaj odniesienie zamiast pliku). Nic nie zapisano.",
                                 "There is no file \(path); check the path (or give a reference instead of a file). Nothing was saved.")
        case .notARegularFile(let path):
            return LocalizedText("\(path) nie jest zwykłym plikiem (to folder, urządzenie albo potok); wskaż plik zdjęcia lub dokumentu. Nic nie zapisano.",
                                 "\(path) is not a regular file (a folder, a device or a pipe); name the photo's or document's file. Nothing was saved.")
        case .unreadable(let path, let code):
            let reason = String(cString: strerror(code))
            return LocalizedText("Nie można odczytać \(path) (\(reason)); sprawdź uprawnienia do pliku. Nic nie zapisano.",
                                 "Cannot read \(path) (\(reason)); check the file's permissions. Nothing was saved.")
        }
    }
}
