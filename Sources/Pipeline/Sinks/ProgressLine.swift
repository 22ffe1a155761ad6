import Foundation

/// A one-line progress display on a terminal's stderr, redrawn at most four times a second; it
/// stays silent when stderr is not a terminal (CI logs, redirects).
public final class ProgressLine {
    private let enabled: Bool
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now
    private var drawn = false

    public init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    public func update(items: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - lastDrawn >= .milliseconds(250) else { return }
        lastDrawn = now
        let seconds = max(
            0.001, Double((now - started).components.attoseconds) / 1e18 + Double((now - started).components.seconds))
        FileHandle.standardError.write(
            Data(String(format: "\r%d items, %.0f items/s ", items, Double(items) / seconds).utf8))
        drawn = true
    }

    /// Clears the line before the summary is printed.
    public func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
