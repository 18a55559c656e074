// Dates written in this module's source: effective dates of rates and ceilings.

extension CivilDate {
    /// A date written in this module's source; a malformed literal is a programming error.
    public static func fixed(_ text: String) -> CivilDate {
        do { return try CivilDate(text) } catch { preconditionFailure("bad date literal \(text): \(error)") }
    }
}
