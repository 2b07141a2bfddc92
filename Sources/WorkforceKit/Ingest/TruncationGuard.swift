import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Turns the SIGBUS of reading a mapped input that was truncated under the run into a flag on its mapping.
///
/// When a file shrinks while it is mapped, the mapped pages past its new end raise SIGBUS when
/// touched, which would kill the process mid-parse instead of reporting "the file changed while it
/// was being read". While a mapping is registered here, a SIGBUS whose fault address lies inside it
/// is absorbed: the handler maps anonymous zero pages over the range from the faulting page to the
/// mapping's end (one fault per truncation rather than one per page), marks the mapping as
/// truncated, and returns so the interrupted read resumes on zeros. The reader then discards what
/// it read and throws `InputError.changedDuringRun` (`TableReader.read`).
///
/// A SIGBUS anywhere else goes to the handler that was installed before this one, or, if there
/// was none, kills the process exactly as it would have without the guard.
///
/// The handler may interrupt any thread at any point, so it neither allocates nor locks: the
/// registry is a fixed table of address ranges in atomics, claimed and released lock-free.
enum TruncationGuard {
    /// How many mappings can be guarded at once; a mapping made while all are taken is unguarded
    /// (it behaves as before: a truncation kills the process). Inputs are read one file at a time.
    static var capacity: Int { registry.slots.count }

    /// Guards `length` bytes mapped at `start`; returns the slot to pass to `truncated(_:)` and
    /// `unregister(_:)`, or nil when the table is full.
    static func register(_ start: UnsafeRawPointer, length: Int) -> Int? {
        _ = installation
        let lower = UInt(bitPattern: start)
        let upper = lower + UInt(length)
        for index in registry.slots.indices
        where registry.slots[index].start.compareExchange(expected: 0, desired: lower, ordering: .acquiring).exchanged {
            registry.slots[index].truncated.store(false, ordering: .relaxed)
            // Publishing the end makes the slot live: the handler matches only a nonzero start below a loaded end.
            registry.slots[index].end.store(upper, ordering: .releasing)
            return index
        }
        return nil
    }

    /// Whether a SIGBUS was absorbed inside the mapping of `slot` since it was registered.
    static func truncated(_ slot: Int) -> Bool {
        registry.slots[slot].truncated.load(ordering: .acquiring)
    }

    /// Stops guarding the mapping of `slot`; call before unmapping it.
    static func unregister(_ slot: Int) {
        registry.slots[slot].end.store(0, ordering: .releasing)
        registry.slots[slot].start.store(0, ordering: .releasing)
    }
}

/// One guarded address range; `start == 0` means free.
private struct GuardSlot: ~Copyable, Sendable {
    let start = Atomic<UInt>(0)
    let end = Atomic<UInt>(0)
    let truncated = Atomic<Bool>(false)
}

/// The fixed table the signal handler scans: inline atomics, built before the handler is installed,
/// so reading it involves no allocation, no reference counting and no lock.
private final class GuardRegistry: Sendable {
    let slots = InlineArray<64, GuardSlot> { _ in GuardSlot() }
    let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))
}

private let registry = GuardRegistry()

/// The SIGBUS disposition found when the guard was installed, to chain to for faults outside every mapping.
///
/// Written once, before `sigaction` installs the guard's handler (Swift's lazy global initialisation
/// runs `installation` once, thread-safely), and only read afterwards, in the handler.
nonisolated(unsafe) private var previousAction = sigaction()

/// Installs the handler the first time a mapping is registered.
private let installation: Void = {
    _ = registry.slots.count
    var action = sigaction()
    action.__sigaction_handler.sa_sigaction = absorbTruncationFault
    action.sa_flags = SA_SIGINFO | SA_ONSTACK
    sigemptyset(&action.sa_mask)
    sigaction(SIGBUS, &action, &previousAction)
}()

/// The SIGBUS handler: absorbs faults inside a guarded mapping, passes every other one on.
private func absorbTruncationFault(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    // si_code > 0: raised by the kernel for this access (kill() and raise() give SI_USER and the like).
    if let info, info.pointee.si_code > 0, let faultAddress = info.pointee._sifields._sigfault.si_addr {
        let address = UInt(bitPattern: faultAddress)
        for index in registry.slots.indices {
            let start = registry.slots[index].start.load(ordering: .acquiring)
            guard start != 0, address >= start else { continue }
            let end = registry.slots[index].end.load(ordering: .acquiring)
            guard address < end else { continue }
            let page = address / registry.pageSize * registry.pageSize
            let length = Int((end - page + registry.pageSize - 1) / registry.pageSize * registry.pageSize)
            let zeros = mmap(
                UnsafeMutableRawPointer(bitPattern: page), length, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
                -1, 0)
            if zeros != MAP_FAILED {
                registry.slots[index].truncated.store(true, ordering: .releasing)
                return
            }
            break  // cannot replace the pages: let the fault kill the process as before
        }
    }
    passOn(signal, info, context)
}

/// Gives a SIGBUS the guard does not absorb to the previous handler, or to the default action.
private func passOn(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if previousAction.sa_flags & SA_SIGINFO != 0, let chained = previousAction.__sigaction_handler.sa_sigaction {
        chained(signal, info, context)
        return
    }
    let handler = unsafeBitCast(previousAction.__sigaction_handler.sa_handler, to: Int.self)
    // SIG_DFL is 0 and SIG_IGN 1; the kernel does not let a fault be ignored, so both mean: die by the signal.
    if handler > 1, let chained = previousAction.__sigaction_handler.sa_handler {
        chained(signal)
        return
    }
    // With the default action back, the signal raised here is delivered when the handler returns
    // (SIGBUS is blocked until then), and a faulting access would fault again anyway.
    var fallback = sigaction()
    sigemptyset(&fallback.sa_mask)
    sigaction(SIGBUS, &fallback, nil)
    raise(SIGBUS)
}
