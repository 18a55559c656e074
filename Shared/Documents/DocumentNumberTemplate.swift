// Document numbers from a per-tenant template, e.g. `{seq}/SP/{agency}/{roman month}/{year}`:
// there is no national format, each agency numbers its letters its own way.
import SiOpenDomain
import SiOpenProtocol

/// A validated numbering template for one kind of document.
///
/// Placeholders: `{seq}` (the sequence number, once and only once) or `{seq:N}` (zero-padded to
/// N digits, 1–12), `{agency}` (the agency's code), `{tenant}` (the tenant's code), `{month}`
/// (two digits, `03`), `{roman month}` (`III`) and `{year}` (four digits). Anything else in
/// braces is refused, so a typo never reaches a printed contract.
public struct DocumentNumberTemplate: Sendable, Hashable, Codable, JSONSchemaDescribing {
    /// The template as written.
    public let template: String
    private let segments: [Segment]

    /// The longest template accepted, in characters.
    public static let maximumLength = 200

    /// The Surat Pesanan's default: `{seq}/SP/{agency}/{roman month}/{year}`.
    public static let suratPesananDefault = "{seq}/SP/{agency}/{roman month}/{year}"
    /// The BAST's default: `{seq}/BAST/{agency}/{roman month}/{year}`.
    public static let bastDefault = "{seq}/BAST/{agency}/{roman month}/{year}"

    enum Segment: Sendable, Hashable {
        case literal(String)
        case sequence(width: Int)
        case agency, tenant, month, romanMonth, year
    }

    /// Parses and validates `template`; every problem is 422 naming `template`: empty or too long,
    /// an unclosed or stray brace, an unknown placeholder, a bad `{seq:N}` width, or `{seq}`
    /// missing or repeated.
    public init(_ template: String) throws(RPCError) {
        func refuse(_ reason: String) -> RPCError { .validationFailed(field: "template", reason: reason) }
        guard !template.isEmpty, template.count <= Self.maximumLength else {
            throw refuse("must have 1 to \(Self.maximumLength) characters")
        }
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(template)
        while let character = rest.first {
            rest = rest.dropFirst()
            if character == "}" { throw refuse("has a '}' without a matching '{'") }
            guard character == "{" else {
                literal.append(character)
                continue
            }
            guard let close = rest.firstIndex(of: "}") else { throw refuse("has a '{' without a matching '}'") }
            let name = String(rest[..<close])
            rest = rest[rest.index(after: close)...]
            if name.contains("{") { throw refuse("has a '{' without a matching '}'") }
            if !literal.isEmpty { segments.append(.literal(literal)) }
            literal = ""
            segments.append(try Self.placeholder(name, refuse: refuse))
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        // What a template prints around its placeholders is part of every number: printable
        // ASCII only, like a typed number (InputRules.documentNumberProblem).
        guard template.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw refuse("must be printable ASCII: letters A–Z, digits, spaces and punctuation such as / - . _")
        }
        let sequences = segments.filter { if case .sequence = $0 { true } else { false } }.count
        guard sequences == 1 else { throw refuse("must contain {seq} exactly once") }
        self.template = template
        self.segments = segments
    }

    private static func placeholder(_ name: String, refuse: (String) -> RPCError) throws(RPCError) -> Segment {
        switch name {
        case "seq": return .sequence(width: 0)
        case "agency": return .agency
        case "tenant": return .tenant
        case "month": return .month
        case "roman month": return .romanMonth
        case "year": return .year
        default:
            if name.hasPrefix("seq:") {
                let digits = name.dropFirst(4)
                guard digits.count <= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let width = Int(digits),
                    (1...12).contains(width)
                else {
                    throw refuse("must pad {seq:N} to N from 1 to 12 digits")
                }
                return .sequence(width: width)
            }
            throw refuse(
                "has an unknown placeholder {\(name)}; use {seq}, {seq:N}, {agency}, {tenant}, {month}, {roman month} or {year}"
            )
        }
    }

    /// Whether the template uses `{agency}`.
    public var usesAgency: Bool { segments.contains(.agency) }
    /// Whether the template uses `{tenant}`.
    public var usesTenant: Bool { segments.contains(.tenant) }

    /// The number of the `sequence`th document of `date`'s period. A sequence below 1 is 422
    /// naming `sequence`; an empty agency or tenant code the template uses is 422 naming it.
    public func render(sequence: Int, agency: String, tenant: String, date: CivilDate) throws(RPCError) -> String {
        guard sequence >= 1 else { throw .validationFailed(field: "sequence", reason: "must be 1 or more") }
        if usesAgency && agency.isEmpty {
            throw .validationFailed(field: "agency", reason: "must not be empty: the template uses {agency}")
        }
        if usesTenant && tenant.isEmpty {
            throw .validationFailed(field: "tenant", reason: "must not be empty: the template uses {tenant}")
        }
        var out = ""
        for segment in segments {
            switch segment {
            case .literal(let text): out += text
            case .sequence(let width):
                let digits = String(sequence)
                out += String(repeating: "0", count: max(0, width - digits.count)) + digits
            case .agency: out += agency
            case .tenant: out += tenant
            case .month: out += date.month < 10 ? "0\(date.month)" : "\(date.month)"
            case .romanMonth: out += RomanNumeral.of(date.month)
            case .year: out += String(date.year)
            }
        }
        return out
    }

    /// Whether `number` has this template's shape: some sequence number, some agency or tenant
    /// code (ASCII letters, digits, `-`, `_`, `.`), any month and year, compared without regard
    /// to case. A number typed by hand that has the shape could be, now or later, the automatic
    /// number of some agency's document, so it is refused: typed numbers live outside every
    /// agency's sequence space.
    public func reserves(_ number: String) -> Bool {
        let text = Array(number.uppercased())
        func isCode(_ c: Character) -> Bool {
            c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".")
        }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        let romans = (1...12).map { Array(RomanNumeral.of($0)) }
        // The positions reachable after each segment, from position 0 (polynomial, so a template
        // of many placeholders cannot make it slow).
        var reachable: Set<Int> = [0]
        for segment in segments {
            var next: Set<Int> = []
            for start in reachable {
                switch segment {
                case .literal(let literal):
                    let expected = Array(literal.uppercased())
                    if start + expected.count <= text.count, Array(text[start..<start + expected.count]) == expected {
                        next.insert(start + expected.count)
                    }
                case .sequence, .agency, .tenant:
                    let accepts: (Character) -> Bool = {
                        if case .sequence = segment { isDigit($0) } else { isCode($0) }
                    }
                    var end = start
                    while end < text.count, accepts(text[end]) {
                        end += 1
                        next.insert(end)
                    }
                case .month:
                    if start + 2 <= text.count, let month = Int(String(text[start..<start + 2])), isDigit(text[start]),
                        (1...12).contains(month)
                    {
                        next.insert(start + 2)
                    }
                case .romanMonth:
                    for roman in romans
                    where start + roman.count <= text.count && Array(text[start..<start + roman.count]) == roman {
                        next.insert(start + roman.count)
                    }
                case .year:
                    if start + 4 <= text.count, text[start..<start + 4].allSatisfy(isDigit) { next.insert(start + 4) }
                }
            }
            reachable = next
            if reachable.isEmpty { return false }
        }
        return reachable.contains(text.count)
    }

    /// Decodes and re-validates a stored template.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the template as a JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(template)
    }

    /// A string with placeholders.
    public static var jsonSchema: JSONValue {
        [
            "type": "string", "minLength": 1, "maxLength": .integer(Int64(maximumLength)),
            "description":
                "A document number template: {seq} or {seq:N} once, and any of {agency}, {tenant}, {month}, {roman month}, {year}.",
        ]
    }

    /// The Surat Pesanan's default template.
    public static var schemaExample: DocumentNumberTemplate {
        do { return try DocumentNumberTemplate(suratPesananDefault) } catch {
            preconditionFailure("the default template is valid")
        }
    }
}
