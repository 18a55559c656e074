// The generator of `Shared/<Module>/SchemaDescriptions.generated.swift`: it reads the `///`
// comments of every Codable type and of its members in the shared modules whose types appear in
// contracts (Protocol, Domain, Contracts, Runtime) and writes, per module, the extensions that
// conform those types to `SchemaDescribed`, so that `rpc.discover` shows the comments as JSON
// Schema descriptions. One source of truth: the comment on the declaration.
//
// Regenerate (after changing a contract's comments):
//
//     SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests
//
// Without the variable, the test fails when a committed file differs from what it would write.
import Foundation
import Testing

/// The shared modules whose Codable types are described, with the module each must import.
let describedModules: [(folder: String, imports: [String])] = [
    ("Shared/Protocol", []),
    ("Shared/Domain", ["SiOpenProtocol"]),
    ("Shared/Contracts", ["SiOpenDomain", "SiOpenProtocol"]),
    ("Shared/Runtime", ["SiOpenProtocol"]),
]

/// The name of the generated file in each module folder.
let generatedDescriptionsFile = "SchemaDescriptions.generated.swift"

/// The repository's root, found from this file's path.
func repositoryRoot() -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .path
}

/// One Codable type found in the sources.
struct DescribedType {
    /// Qualified name (`Outer.Inner`).
    var name: String
    /// Its `///` comment, joined into one paragraph.
    var description: String
    /// Member descriptions by JSON member name, in declaration order.
    var fields: [(String, String)] = []
    /// For a `String`-backed enum: each raw value with its comment.
    var cases: [(String, String)] = []
    /// Whether it is a `String`-backed enum.
    var isStringEnum = false
    /// `CodingKeys` renames: Swift name → JSON name.
    var renames: [String: String] = [:]
}

/// Parses Swift sources line by line, in the layout this repository keeps (one declaration per
/// line, `///` comments directly above).
enum DescriptionParser {
    private struct Scope {
        var name: String
        var depth: Int
        var isType: Bool
        var isCodable: Bool
        var isCodingKeys: Bool
        var index: Int?
    }

    static let typePattern = try! NSRegularExpression(
        pattern:
            #"^\s*(?:@\w+\s+)*((?:public|internal|package|private|fileprivate)\s+)?(?:final\s+|indirect\s+)*(struct|enum|class|actor)\s+(\w+)(?:<[^>]*>)?\s*(?::\s*([^{]*))?\{"#
    )
    static let extensionPattern = try! NSRegularExpression(
        pattern: #"^\s*(?:public\s+)?extension\s+([\w.]+)(?:\s*:\s*([^{]*?))?(?:\s+where[^{]*)?\s*\{"#)
    static let memberPattern = try! NSRegularExpression(
        pattern:
            #"^\s*(?:@\w+\s+)*(?:(?:public|internal|package)(?:\(set\))?\s+)*(?:(?:private|fileprivate)\(set\)\s+)?(var|let)\s+(\w+)\s*:"#
    )
    static let casePattern = try! NSRegularExpression(pattern: #"^\s*case\s+(.+)$"#)

    static func match(_ regex: NSRegularExpression, _ line: String) -> [String?]? {
        let range = NSRange(line.startIndex..., in: line)
        guard let result = regex.firstMatch(in: line, range: range) else { return nil }
        return (1..<result.numberOfRanges).map { index in
            let r = result.range(at: index)
            return r.location == NSNotFound ? nil : String(line[Range(r, in: line)!])
        }
    }

    /// Whether an inheritance clause makes a type encodable to JSON.
    static func isCodable(_ clause: String?) -> Bool {
        guard let clause else { return false }
        return ["Codable", "Decodable", "Encodable", "JSONSchemaDescribing"].contains { clause.contains($0) }
    }

    /// The comment text: `///` stripped, lines joined, DocC double backticks made single.
    static func text(_ lines: [String]) -> String {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty && $0 != "```" && !$0.hasPrefix("```")
        }
        .joined(separator: " ")
        .replacingOccurrences(of: "``", with: "`")
    }

    /// Every Codable type declared in `source`.
    static func parse(_ source: String, into types: inout [DescribedType]) {
        var scopes: [Scope] = []
        var depth = 0
        var doc: [String] = []
        var inBlockComment = false
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if inBlockComment {
                if trimmed.contains("*/") { inBlockComment = false }
                continue
            }
            if trimmed.hasPrefix("/*") {
                if !trimmed.contains("*/") { inBlockComment = true }
                continue
            }
            if trimmed.hasPrefix("///") {
                doc.append(String(trimmed.dropFirst(3)))
                continue
            }
            if trimmed.hasPrefix("//") || trimmed.isEmpty {
                if trimmed.isEmpty { doc = [] }
                continue
            }
            if trimmed.hasPrefix("@") && !trimmed.contains(" var ") && !trimmed.contains(" let ")
                && !trimmed.contains("struct ")
                && !trimmed.contains("enum ") && !trimmed.contains("class ")
            {
                continue  // an attribute on its own line keeps the comment above it
            }
            let comment = text(doc)
            doc = []
            let innermost = scopes.last
            var opened: Scope?
            if let groups = match(typePattern, line), let kind = groups[1], let name = groups[2] {
                let access = groups[0]?.trimmingCharacters(in: .whitespaces) ?? ""
                let qualified = (scopes.map(\.name) + [name]).joined(separator: ".")
                let codable =
                    isCodable(groups[3]) && access != "private" && access != "fileprivate"
                    && !(scopes.contains { !$0.isType && $0.name.isEmpty })
                var scope = Scope(
                    name: name, depth: depth, isType: true, isCodable: codable, isCodingKeys: name == "CodingKeys",
                    index: nil)
                if codable {
                    var type = DescribedType(name: qualified, description: comment)
                    type.isStringEnum = kind == "enum" && (groups[3] ?? "").contains("String")
                    types.append(type)
                    scope.index = types.count - 1
                }
                opened = scope
            } else if let groups = match(extensionPattern, line), let name = groups[0] {
                var scope = Scope(
                    name: name, depth: depth, isType: false, isCodable: false, isCodingKeys: false, index: nil)
                if isCodable(groups[1]), !name.contains("."),
                    let existing = types.firstIndex(where: { $0.name == name })
                {
                    scope.index = existing
                } else if isCodable(groups[1]), types.firstIndex(where: { $0.name == name }) == nil {
                    types.append(DescribedType(name: name, description: ""))
                    scope.index = types.count - 1
                }
                opened = scope
            } else if let innermost, depth == innermost.depth + 1 {
                if innermost.isCodingKeys, let outer = scopes.dropLast().last, let index = outer.index,
                    let groups = match(casePattern, line), let list = groups[0]
                {
                    for item in list.split(separator: ",") {
                        let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                        if parts.count == 2 {
                            types[index].renames[parts[0]] = parts[1].trimmingCharacters(
                                in: CharacterSet(charactersIn: "\""))
                        }
                    }
                } else if let index = innermost.index, innermost.isType || innermost.index != nil {
                    if !trimmed.contains("static "), !trimmed.hasPrefix("private "), !trimmed.hasPrefix("fileprivate "),
                        let groups = match(memberPattern, line), let name = groups[1], !comment.isEmpty
                    {
                        types[index].fields.append((name, comment))
                    } else if types[index].isStringEnum, let groups = match(casePattern, line), let list = groups[0],
                        !list.contains("(")
                    {
                        for item in list.split(separator: ",") {
                            let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                            let raw =
                                parts.count == 2
                                ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : parts[0]
                            types[index].cases.append((raw, comment))
                        }
                    }
                }
            }
            // Braces of this line (strings in declarations rarely hold braces; interpolations do not count).
            var inString = false
            var previous: Character = " "
            for character in line {
                if character == "\"" && previous != "\\" { inString.toggle() }
                if !inString {
                    if character == "{" {
                        depth += 1
                    } else if character == "}" {
                        depth -= 1
                        if let last = scopes.last, depth == last.depth { scopes.removeLast() }
                        if let o = opened, depth == o.depth { opened = nil }
                    }
                }
                previous = character
            }
            if let opened, depth > opened.depth { scopes.append(opened) }
        }
    }

    /// The Swift literal for `text`.
    static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// The generated file for the Swift files under `folder`.
    static func generate(folder: String, imports: [String]) throws -> String {
        let root = repositoryRoot() + "/" + folder
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix(generatedDescriptionsFile) }.sorted()
        var types: [DescribedType] = []
        for file in files {
            parse(try String(contentsOfFile: root + "/" + file, encoding: .utf8), into: &types)
        }
        var output = """
            // swift-format-ignore-file
            // Generated from the `///` comments of this module's Codable types; do not edit. After changing
            // a comment, regenerate with `SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests`.

            """
        for module in imports { output += "import \(module)\n" }
        for type in types.sorted(by: { $0.name < $1.name }) where !type.description.isEmpty || !type.fields.isEmpty {
            var description = type.description
            if type.isStringEnum, !type.cases.isEmpty {
                let values = type.cases.map { raw, comment in comment.isEmpty ? "`\(raw)`" : "`\(raw)`: \(comment)" }
                description += (description.isEmpty ? "" : " ") + "Values: " + values.joined(separator: " ")
            }
            var fields: [(String, String)] = []
            var seen: Set<String> = []
            for (name, comment) in type.fields {
                let key = type.renames[name] ?? name
                if seen.insert(key).inserted { fields.append((key, comment)) }
            }
            output += "\nextension \(type.name): SchemaDescribed {\n"
            output += "    public static var schemaDescription: String { \(literal(description)) }\n"
            if !fields.isEmpty {
                output += "    public static var fieldDescriptions: [String: String] {\n        [\n"
                for (key, comment) in fields { output += "            \(literal(key)): \(literal(comment)),\n" }
                output += "        ]\n    }\n"
            }
            output += "}\n"
        }
        return output
    }
}

@Suite("Schema descriptions generated from the `///` comments")
struct SchemaDescriptionsGeneratorTests {
    @Test("every module's SchemaDescriptions.generated.swift is what the generator writes today")
    func generatedFilesAreCurrent() throws {
        let regenerate = ProcessInfo.processInfo.environment["SIOPEN_REGENERATE"] == "1"
        var stale: [String] = []
        for module in describedModules {
            let path = repositoryRoot() + "/" + module.folder + "/" + generatedDescriptionsFile
            let expected = try DescriptionParser.generate(folder: module.folder, imports: module.imports)
            let committed = try? String(contentsOfFile: path, encoding: .utf8)
            guard committed != expected else { continue }
            if regenerate {
                try expected.write(toFile: path, atomically: true, encoding: .utf8)
            } else {
                stale.append(module.folder + "/" + generatedDescriptionsFile)
            }
        }
        #expect(
            stale.isEmpty,
            "stale: \(stale); regenerate with SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests, then rebuild"
        )
    }
}
