#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// Thin, error-checked wrappers over the system calls the log needs.
enum Posix {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func identity(ofDescriptor descriptor: Int32) -> FileIdentity? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    static func identity(ofPath path: String) -> FileIdentity? { FileIdentity(path: path) }

    static func size(ofDescriptor descriptor: Int32) throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw LogError.io(SystemFailure(.inspect, code: errno))
        }
        return UInt64(info.st_size)
    }

    /// Fills `buffer` from file offset `offset`; returns how many bytes were there (fewer at the end of the file).
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if count < 0 {
                if errno == EINTR { continue }
                throw LogError.io(SystemFailure(.read, code: errno))
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// The bytes `start..<end` of the file; fewer when it shrank meanwhile.
    static func readRange(_ descriptor: Int32, from start: UInt64, to end: UInt64) throws -> [UInt8] {
        guard end > start else { return [] }
        var bytes = [UInt8](repeating: 0, count: Int(end - start))
        let done = try bytes.withUnsafeMutableBytes { try read(descriptor, into: $0, at: start) }
        return done == bytes.count ? bytes : Array(bytes[0..<done])
    }

    /// Writes everything or throws; used for side files (quarantine, repair copy), not the log itself.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        var done = 0
        try bytes.withUnsafeBytes { buffer in
            while done < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + done, buffer.count - done)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw LogError.io(SystemFailure(.writeSideFile, path: path, code: errno))
                }
                done += count
            }
        }
    }

    static func lock(_ descriptor: Int32, _ operation: Int32) throws {
        while flock(descriptor, operation) != 0 {
            if errno == EINTR { continue }
            throw LogError.io(SystemFailure(.lock, code: errno))
        }
    }

    static func unlock(_ descriptor: Int32) {
        _ = flock(descriptor, LOCK_UN)
    }

    /// `path` made absolute against the working folder (an absolute path is kept as given).
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Writes `bytes` to a side file and makes it durable, or throws.
    static func writeDurably(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
        try writeAll(descriptor, bytes, path: path)
        if fsync(descriptor) != 0 { throw LogError.syncFailed(SystemFailure(.syncSideFile, path: path, code: errno)) }
    }

    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// A new or renamed file survives a power cut only once its directory entry is on disk.
    static func syncDirectory(of path: String) throws {
        let descriptor = open(directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw LogError.io(SystemFailure(.syncFolder, path: directory(of: path), code: errno))
        }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 {
            throw LogError.syncFailed(SystemFailure(.syncFolder, path: directory(of: path), code: errno))
        }
    }

    /// fstatfs(2) looked up at run time: the Glibc module does not export it to Swift.
    private typealias FstatfsFunction = @convention(c) (Int32, UnsafeMutableRawPointer) -> Int32
    private static let fstatfsFunction: FstatfsFunction? = {
        guard let symbol = dlsym(nil, "fstatfs") else { return nil }
        return unsafeBitCast(symbol, to: FstatfsFunction.self)
    }()

    /// Name of the network filesystem holding `descriptor`, or nil for a local one.
    static func networkFilesystem(ofDescriptor descriptor: Int32) -> String? {
        guard let fstatfsFunction else { return nil }
        // struct statfs is 120 bytes on 64-bit Linux; its first field, f_type, is a long.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        guard fstatfsFunction(descriptor, buffer) == 0 else { return nil }
        let type = UInt64(UInt(bitPattern: buffer.load(as: Int.self))) & 0xFFFF_FFFF
        return networkFilesystemName(magic: type)
    }

    static func networkFilesystemName(magic: UInt64) -> String? {
        switch magic {
        case 0x6969: return "NFS"
        case 0xFF53_4D42: return "CIFS"
        case 0xFE53_4D42: return "SMB2"
        case 0x517B: return "SMB"
        case 0x6B41_4653: return "AFS"
        default: return nil
        }
    }

    /// Creates `<base>`, else `<base>-2`, … exclusively and without following a link planted
    /// under the name (the folder is writable by the desk's group): `ExclusiveFile`, the one way
    /// asodesk creates files, with the log's own error.
    static func createExclusive(basePath: String) throws -> (path: String, descriptor: Int32) {
        do throws(FileCreationError) {
            return try ExclusiveFile.createFirstFree(mode: 0o660) { $0 == 1 ? basePath : "\(basePath)-\($0)" }
        } catch {
            if case .system(let path, _, let code) = error { throw LogError.io(SystemFailure(.create, path: path, code: code)) }
            throw LogError.io(SystemFailure(.create, path: error.path, code: EEXIST))
        }
    }

    /// The account this process runs as, for the record of who repaired: "login (uid N)".
    static func currentAccount() -> String {
        let uid = getuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return "\(String(cString: name)) (uid \(uid))"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
