import Foundation
import SiOpenProtocol
import Testing

/// A JSON text given as bytes, with a name for the test log.
struct JSONText: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]

    init(_ text: String) {
        name = text
        bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    var testDescription: String { name }
}

func nested(_ depth: Int) -> String {
    String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
}

@Suite("JSONValue")
struct JSONValueTests {
    static let accepted: [JSONText] = [
        JSONText("{}"), JSONText("[]"), JSONText(#""""#), JSONText("0"), JSONText("-0"), JSONText("1.5e+10"),
        JSONText("-1E-2"), JSONText("0.0001"), JSONText(" \t\r\n true \n"), JSONText("false"), JSONText("null"),
        JSONText(#"{"a":[1,{"b":null}],"c":"d"}"#), JSONText(#"[ 1 , 2 ]"#), JSONText(#""\u00e9\ud83d\ude00""#),
        JSONText(#""\"\\\/\b\f\n\r\t""#), JSONText("\"é日本😀\""), JSONText("\"\u{7F}\""),
        JSONText("12345678901234567890123"),
        JSONText("128 nested arrays", bytes: Array(nested(128).utf8)),
        JSONText(
            "128 nested objects and arrays",
            bytes: Array((String(repeating: #"{"a":["#, count: 64) + String(repeating: "]}", count: 64)).utf8)),
    ]

    static let rejected: [JSONText] = [
        JSONText(""), JSONText("   "), JSONText("[1,]"), JSONText(#"{"a":1,}"#), JSONText("[,1]"), JSONText("01"),
        JSONText("[01]"), JSONText("-01"), JSONText("00"), JSONText("1."), JSONText(".5"), JSONText("+1"),
        JSONText("1e"),
        JSONText("1e+"), JSONText("-"), JSONText("0x10"), JSONText("NaN"), JSONText("Infinity"), JSONText("tru"),
        JSONText("nul"), JSONText("True"), JSONText("{a:1}"), JSONText("{'a':1}"), JSONText(#"{"a" 1}"#),
        JSONText("[1 2]"),
        JSONText("1 2"), JSONText("[1]]"), JSONText("{"), JSONText(#"{"a":1"#), JSONText(#""abc"#), JSONText(#""\x""#),
        JSONText(#""\u12""#), JSONText(#""\u12G4""#), JSONText(#""\ud800""#), JSONText(#""\udc00""#),
        JSONText(#""\ud800x""#), JSONText(#""\ud800\u0041""#), JSONText(#""\ud800\ud800""#),
        JSONText(#""\ude00\ud83d""#),
        JSONText("control character 0x01 in a string", bytes: [0x22, 0x61, 0x01, 0x22]),
        JSONText("raw tab in a string", bytes: Array("\"a\tb\"".utf8)),
        JSONText("raw newline in a string", bytes: Array("\"a\nb\"".utf8)),
        JSONText("NUL in a string", bytes: [0x22, 0x00, 0x22]),
        JSONText("NUL after the value", bytes: [0x31, 0x00]),
        JSONText("invalid UTF-8 in a string", bytes: [0x22, 0xFF, 0x22]),
        JSONText("overlong UTF-8 in a string", bytes: [0x22, 0xC0, 0xAF, 0x22]),
        JSONText("UTF-8 encoded surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]),
        JSONText("129 nested arrays", bytes: Array(nested(129).utf8)),
        JSONText(
            "129 nested objects and arrays",
            bytes: Array(
                ("[" + String(repeating: #"{"a":["#, count: 64) + String(repeating: "]}", count: 64) + "]").utf8)),
        JSONText("10,000 nested arrays", bytes: Array(nested(10_000).utf8)),
    ]

    @Test("the parser accepts valid JSON", arguments: accepted)
    func accepts(_ text: JSONText) throws {
        let value = try JSONValue(parsing: text.bytes)
        // What it writes parses back to the same value.
        #expect(try JSONValue(parsing: value.serialized) == value)
    }

    @Test("the parser rejects invalid JSON", arguments: rejected)
    func rejects(_ text: JSONText) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text.bytes) }
    }

    @Test("parsed values are what the text says")
    func parsedValues() throws {
        #expect(
            try json(#"{"a":[1,"x",true,null],"b":{"c":-0.5}}"#) == [
                "a": [1, "x", true, nil], "b": ["c": .number("-0.5")],
            ])
        #expect(try json(#""\u00e9\ud83d\ude00\n""#) == "é😀\n")
        // Numbers keep their text.
        #expect(try json("1.0") == .number("1.0"))
        #expect(try json("-0") == .number("-0"))
        #expect(try json("12345678901234567890").serializedString == "12345678901234567890")
        // A duplicate member keeps the last value.
        #expect(try json(#"{"a":1,"a":2}"#) == ["a": 2])
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1,]") }
        #expect(error?.offset == 3)
    }

    static let strings: [String] = [
        "", "plain", "quote \" inside", "back\\slash", "slash /", "\u{00}\u{01}\u{08}\u{0B}\u{0C}\u{1B}\u{1F}",
        "new\nline\rreturn\ttab", "é 日本 😀 \u{10FFFF}", "\u{2028}\u{2029}", "\u{7F}", "\\u0041 is not an escape",
    ]

    @Test("the writer escapes strings so they round-trip", arguments: strings)
    func writerRoundTrip(_ string: String) throws {
        let value = JSONValue.string(string)
        let bytes = value.serialized
        #expect(!bytes.contains { $0 < 0x20 }, "raw control byte written")
        #expect(try JSONValue(parsing: bytes) == value)
        // Also as a member name and inside containers.
        let container: JSONValue = [string: [.string(string), ["k": .string(string)]]]
        #expect(try JSONValue(parsing: container.serialized) == container)
        // And Foundation reads the same string back.
        let decoded = try JSONDecoder().decode([String].self, from: Data(JSONValue.array([value]).serialized))
        #expect(decoded == [string])
    }

    @Test("the writer's escapes")
    func writerEscapes() {
        #expect(JSONValue.string("a\"b\\c\n\r\t\u{01}\u{1F}").serializedString == #""a\"b\\c\n\r\t\u0001\u001f""#)
        #expect(JSONValue.object(["b": 1, "a": [true, nil]]).serializedString == #"{"a":[true,null],"b":1}"#)
        #expect(JSONValue.number("1.50").serializedString == "1.50")
    }

    @Test("Codable bridge")
    func codable() throws {
        struct Sample: Codable, Equatable {
            var name: String
            var count: Int64
            var ratio: Double
            var tags: [String]
            var note: String?
        }
        let sample = Sample(name: "x", count: -3, ratio: 0.25, tags: ["a"], note: nil)
        let value = try JSONCoding.value(sample)
        #expect(value == ["name": "x", "count": -3, "ratio": .number("0.25"), "tags": ["a"]])
        #expect(try JSONCoding.decode(Sample.self, from: value) == sample)
    }
}
