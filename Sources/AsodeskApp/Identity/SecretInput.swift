import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a secret (a passphrase, a PIN): from /dev/tty with echo off when there is a terminal,
/// else the first line of standard input (scripts, tests). The same rule for PINs and keys.
public enum SecretInput {
    /// nil when neither a terminal nor a line on standard input gives one.
    public static func read(prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if tty >= 0 {
            defer { close(tty) }
            var saved = termios()
            if tcgetattr(tty, &saved) == 0 {
                var quiet = saved
                quiet.c_lflag &= ~tcflag_t(ECHO)
                _ = Array(prompt.utf8).withUnsafeBytes { write(tty, $0.baseAddress, $0.count) }
                _ = tcsetattr(tty, TCSAFLUSH, &quiet)
                defer {
                    _ = tcsetattr(tty, TCSAFLUSH, &saved)
                    _ = write(tty, "\n", 1)
                }
                return readLine(from: tty)
            }
        }
        return readLine(from: STDIN_FILENO)
    }

    private static func readLine(from descriptor: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        var sawLine = false
        while bytes.count < 4096 {
            let count = Glibc.read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            if byte == UInt8(ascii: "\n") { sawLine = true; break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes.isEmpty && !sawLine ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
