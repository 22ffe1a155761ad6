import Run
import Synchronization

/// The snapshot requests are judged against, swapped whole on reload: a request keeps the
/// snapshot it started with, and every answer names it.
final class ServerState: Sendable {
    private let snapshot: Mutex<InputsSnapshot>
    let options: RunOptions

    init(options: RunOptions, initial: InputsSnapshot) {
        self.options = options
        self.snapshot = Mutex(initial)
    }

    var current: InputsSnapshot { snapshot.withLock { $0 } }

    /// Loads the inputs again (the files may have changed) and swaps them in; on failure the
    /// previous snapshot stays and the error is returned.
    func reload(warn: (String) -> Void) -> Result<InputsSnapshot, RunError> {
        do {
            let fresh = try InputsSnapshot.load(options, warn: warn)
            snapshot.withLock { $0 = fresh }
            return .success(fresh)
        } catch {
            return .failure(error)
        }
    }
}
