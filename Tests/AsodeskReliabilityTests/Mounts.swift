#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport

/// Filesystems a test mounts for itself (tmpfs, ext4 loop images): only as root.
enum Mounts {
    static var isRoot: Bool { geteuid() == 0 }

    /// Root, and the mount tool is there: tmpfs mounts work.
    static let tmpfsAvailable: Bool = {
        guard isRoot, Programs.which("mount") != nil, Programs.which("umount") != nil else { return false }
        let probe = TemporaryFolder("asodesk-tmpfs-probe")
        guard (try? runTool("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path])) != nil else { return false }
        _ = try? runTool("umount", [probe.path])
        return true
    }()

    /// Root with loop devices, mkfs.ext4 and e2fsck: an ext4 image can be mounted and checked.
    static let loopAvailable: Bool = {
        guard isRoot, FileManager.default.fileExists(atPath: "/dev/loop-control") else { return false }
        return ["losetup", "mkfs.ext4", "e2fsck", "mount", "umount", "truncate"].allSatisfy { Programs.which($0) != nil }
    }()
}

/// A tmpfs of a fixed size mounted on a private folder; unmounted by `unmount()` (call it in a defer).
final class TmpfsMount {
    let folder: TemporaryFolder
    var path: String { folder.path }
    private var mounted = false

    init(size: String) throws {
        folder = TemporaryFolder("asodesk-tmpfs")
        try runTool("mount", ["-t", "tmpfs", "-o", "size=\(size),mode=0755", "tmpfs", folder.path])
        mounted = true
    }

    func remount(readOnly: Bool) throws {
        // A child another test spawns at that moment holds copies of this process's descriptors
        // until its exec: for that instant the mount is busy. It passes; try again shortly.
        var attempt = 0
        while true {
            do {
                try runTool("mount", ["-o", "remount,\(readOnly ? "ro" : "rw")", folder.path])
                return
            } catch where attempt < 50 {
                attempt += 1
                usleep(100_000)
            }
        }
    }

    func unmount() {
        guard mounted else { return }
        // A lazy unmount cannot fail on a busy mount; the folder is removed afterwards.
        _ = try? runTool("umount", ["-l", folder.path])
        mounted = false
    }

    deinit { unmount() }
}

/// An ext4 filesystem in an image file, attached to a loop device and mounted. `detach()` (in a
/// defer) unmounts and frees the loop device even after a failure.
final class LoopFilesystem {
    let image: String
    let mountPoint: String
    private(set) var device: String?
    private var mounted = false

    /// Attaches an existing image (the copy a power cut left) or, with `makeSizeMB`, a new one.
    init(image: String, mountPoint: String, makeSizeMB: Int? = nil, readOnly: Bool = false) throws {
        self.image = image
        self.mountPoint = mountPoint
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        if let makeSizeMB {
            try runTool("truncate", ["-s", "\(makeSizeMB)M", image])
            try runTool("mkfs.ext4", ["-q", "-F", image])
        }
        let attached = try runTool("losetup", ["--find", "--show"] + (readOnly ? ["--read-only"] : []) + [image])
        device = attached.output.trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try runTool("mount", ["-t", "ext4", "-o", readOnly ? "ro" : "rw", device!, mountPoint])
            mounted = true
        } catch {
            detach()
            throw error
        }
    }

    func detach() {
        if mounted {
            // Still busy (a descriptor not yet closed): unmount lazily, so it goes when it is closed.
            if (try? runTool("umount", [mountPoint])) == nil { _ = try? runTool("umount", ["-l", mountPoint]) }
            mounted = false
        }
        if let device {
            // On a device still in use this sets auto-clear: it is freed once the last user is gone.
            _ = try? runTool("losetup", ["-d", device])
            self.device = nil
        }
    }

    deinit { detach() }
}
