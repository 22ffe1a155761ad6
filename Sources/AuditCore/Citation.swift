/// What a check cites: the requirement and the standard, version and clause it comes from.
///
/// One instance per requirement is shared by every check of a run (a check then copies one
/// reference instead of four strings), and it carries its JSON once encoded, because the
/// evidence record writes the same citation for every item.
public final class Citation: @unchecked Sendable {
    public let requirement: RequirementID
    public let standard: String
    public let version: String
    public let clause: String
    /// `{"requirement":"…","standard":"…","version":"…","clause":"…"` — the opening of a check
    /// object in the evidence record, in its key order.
    public let jsonOpening: [UInt8]
    /// The whole check object of a pass with nothing observed, expected, located or said, for
    /// each grade, back to back in one allocation owned by the citation (never written after
    /// `init`, hence `@unchecked Sendable`): the evidence writer copies most checks of an item
    /// from here without retaining an array per check.
    @usableFromInline let passObjects: UnsafeMutableBufferPointer<UInt8>
    /// Where each grade's object ends in ``passObjects``, at ``CheckJSON/column(_:)``.
    @usableFromInline let passObjectEnds: (Int, Int, Int)
    /// The length of ``jsonOpening``, the start of every pass object.
    @usableFromInline let openingCount: Int

    public init(requirement: RequirementID, standard: String, version: String, clause: String) {
        self.requirement = requirement
        self.standard = standard
        self.version = version
        self.clause = clause
        var json = Array(#"{"requirement":"#.utf8)
        for (key, value) in [
            ("", requirement.rawValue), (#","standard":"#, standard), (#","version":"#, version),
            (#","clause":"#, clause),
        ] {
            json += Array(key.utf8) + [0x22]
            JSONEscaping.withEscaped(value) { json.append(contentsOf: $0) }
            json.append(0x22)
        }
        jsonOpening = json
        openingCount = json.count
        let objects = Grade.allCases.map { grade in
            json + CheckJSON.outcomeAndGrade(.pass, grade).bytes + CheckJSON.nullTail.bytes
        }
        passObjects = .allocate(capacity: objects.reduce(0) { $0 + $1.count })
        var end = 0
        var ends: [Int] = []
        for object in objects {
            _ = passObjects[end...].initialize(from: object)
            end += object.count
            ends.append(end)
        }
        passObjectEnds = (ends[0], ends[1], ends[2])
    }

    deinit { passObjects.deallocate() }

    /// Calls `body` with the whole JSON object of a check of this citation that passed at
    /// `grade` with nothing observed, expected, located or said.
    @inlinable
    public func withPassObject<Result>(_ grade: Grade, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows
        -> Result
    {
        let range =
            switch grade {
            case .observation: 0..<passObjectEnds.0
            case .minor: passObjectEnds.0..<passObjectEnds.1
            case .major: passObjectEnds.1..<passObjectEnds.2
            }
        return try withExtendedLifetime(self) { try body(UnsafeBufferPointer(rebasing: passObjects[range])) }
    }

    /// Calls `body` with ``jsonOpening``, read in place.
    @inlinable
    public func withJSONOpening<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) {
            try body(UnsafeBufferPointer(rebasing: passObjects[0..<openingCount]))
        }
    }
}
