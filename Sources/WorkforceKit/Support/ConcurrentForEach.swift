import Dispatch
import Synchronization

/// Runs `body(index)` for every index in `0..<count` on up to `jobs` threads.
///
/// Indices are handed out one at a time from a shared counter, so a slow chunk
/// does not hold up the others; callers store results by index, which keeps the
/// outcome independent of scheduling.
func concurrentForEach(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> Void) {
    guard count > 0 else { return }
    let workers = max(1, min(jobs, count))
    if workers == 1 {
        for index in 0..<count { body(index) }
        return
    }
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.add(1, ordering: .relaxed).oldValue
            if index >= count { return }
            body(index)
        }
    }
}

/// Runs `body` for every index concurrently and returns the results in index order.
func concurrentMap<Result: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
    let slots = ResultSlots<Result>(count: count)
    concurrentForEach(count, jobs: jobs) { index in slots.store(body(index), at: index) }
    return slots.collect()
}

/// Write-once storage for results computed on several threads, read after they join.
private final class ResultSlots<Result: Sendable>: @unchecked Sendable {
    private var values: [Result?]
    private let lock = Mutex(())

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func store(_ value: Result, at index: Int) {
        lock.withLock { _ in values[index] = value }
    }

    func collect() -> [Result] {
        lock.withLock { _ in values.compactMap { $0 } }
    }
}

/// Wraps a value that is shared read-only, or written at disjoint indices, across threads.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A value computed on a background thread, waited for where it is needed.
///
/// Lets a pipeline start on the next piece of work (parsing the next window of
/// chunks) while the calling thread finishes the current one in order.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    /// Starts `work` on a background thread, or runs it right here when `inline` (one job: no extra thread).
    init(inline: Bool = false, _ work: @escaping @Sendable () -> Value) {
        if inline {
            value = work()
            done.signal()
            return
        }
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// Blocks until the work has finished; later calls return at once.
    func wait() -> Value {
        done.wait()
        done.signal()
        guard let value else { preconditionFailure("a background result is set before it is signalled") }
        return value
    }
}
