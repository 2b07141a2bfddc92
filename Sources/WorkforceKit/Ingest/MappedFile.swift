import Foundation

/// A read-only memory map of an input file, with the identity it had when opened.
///
/// Mapping lets chunks be parsed in place by several threads without copying;
/// pages are read on demand and can be dropped by the kernel, so a large file
/// does not have to fit in memory. While it is alive the mapping is registered
/// with `TruncationGuard`, so a truncation of the file under the run shows up as
/// `wasTruncated` instead of a SIGBUS that kills the process.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer
    /// Size and modification time when opened, to detect a file changing under the run.
    let identity: FileIdentity
    private let mapping: UnsafeMutableRawPointer?
    /// Slot of the mapping in `TruncationGuard`, nil when empty or when every slot was taken.
    private let guardSlot: Int?

    init(path: String, displayName: String) throws(InputError) {
        self.path = path
        let descriptor = try RegularFile.open(path, displayName: displayName)
        defer { close(descriptor) }
        guard let identity = FileIdentity(descriptor: descriptor) else {
            throw .unreadable(file: displayName, reason: String(cString: strerror(errno)))
        }
        self.identity = identity
        if identity.size == 0 {
            mapping = nil
            guardSlot = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let address = mmap(nil, identity.size, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != MAP_FAILED else {
            throw .unreadable(file: displayName, reason: String(cString: strerror(errno)))
        }
        // Registered before any page is touched: the file may already have shrunk since fstat.
        guardSlot = TruncationGuard.register(address, length: identity.size)
        madvise(address, identity.size, MADV_SEQUENTIAL)
        mapping = address
        bytes = UnsafeRawBufferPointer(start: address, count: identity.size)
    }

    deinit {
        if let guardSlot { TruncationGuard.unregister(guardSlot) }
        if let mapping { munmap(mapping, bytes.count) }
    }

    /// Whether reading hit pages past the end of the file, which has been truncated since it was
    /// mapped; those pages read as zeros, so whatever was parsed from this mapping is unusable.
    var wasTruncated: Bool {
        guardSlot.map(TruncationGuard.truncated) ?? false
    }

    /// Drops the whole pages of `bytes[start..<end]` from the process (MADV_DONTNEED): they no
    /// longer count as its memory, and are read back from the page cache if touched again.
    /// Only for a read-only file mapping; a heap buffer would lose its contents.
    static func release(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        guard let base = bytes.baseAddress, start < end else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let address = Int(bitPattern: base)
        let first = (address + start + page - 1) / page * page
        let last = (address + end) / page * page
        guard first < last, let pointer = UnsafeMutableRawPointer(bitPattern: first) else { return }
        madvise(pointer, last - first, MADV_DONTNEED)
    }
}

/// What tells one version of a file from another: device and inode, size, and the times of the
/// last change of its contents (mtime) and of its inode (ctime), compared before and after reading it
/// and between the read and the checksum.
///
/// A file replaced by rename has another inode; one rewritten in place has a new ctime, which
/// nobody can set back (unlike mtime, which `touch -r` or `cp -p` can): a same-size
/// replacement is told apart whatever its timestamps claim.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int
    let changedSeconds: Int
    let changedNanoseconds: Int

    init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    private init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modifiedSeconds = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changedSeconds = Int(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
    }
}
