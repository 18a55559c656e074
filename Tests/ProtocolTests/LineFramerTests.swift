import SiOpenProtocol
import Testing

@Suite("LineFramer")
struct LineFramerTests {
    /// Feeds each chunk in turn and returns every event, lines as strings.
    static func frame(_ chunks: [String], max: Int = 64) -> (events: [String], pending: Int) {
        var framer = LineFramer(maxLineBytes: max)
        var events: [LineFramer.Event] = []
        for chunk in chunks { framer.append(Array(chunk.utf8), into: &events) }
        let described = events.map { event -> String in
            switch event {
            case .line(let bytes): return "line:" + String(decoding: bytes, as: UTF8.self)
            case .oversize: return "oversize"
            }
        }
        return (described, framer.pendingBytes)
    }

    @Test("lines split across chunks are joined; several lines in one chunk are split")
    func splitting() {
        #expect(Self.frame(["ab", "c\nde", "f\n"]).events == ["line:abc", "line:def"])
        #expect(Self.frame(["a\nb\nc"]) == (["line:a", "line:b"], 1))
        #expect(Self.frame(["\n\n"]).events == ["line:", "line:"])
        #expect(Self.frame(["abc"]) == ([], 3))
        let bytes = Array("one\ntwo\nthree\n".utf8)
        var framer = LineFramer(maxLineBytes: 64)
        var events: [LineFramer.Event] = []
        for byte in bytes { framer.append([byte], into: &events) }
        #expect(events == [.line(Array("one".utf8)), .line(Array("two".utf8)), .line(Array("three".utf8))])
        #expect(framer.pendingBytes == 0)
    }

    @Test("a \\r before the \\n is dropped, other \\r are kept")
    func carriageReturns() {
        #expect(Self.frame(["abc\r\n"]).events == ["line:abc"])
        #expect(Self.frame(["abc\r", "\n"]).events == ["line:abc"])
        #expect(Self.frame(["a\rb\n"]).events == ["line:a\rb"])
        #expect(Self.frame(["\r\n", "x\r\r\n"]).events == ["line:", "line:x\r"])
    }

    @Test("a line longer than the limit is reported once and skipped; the next line is fine")
    func oversize() {
        // Too long before its newline arrives: reported at once, the rest discarded.
        #expect(Self.frame(["0123456789", "more", "tail\n", "ok\n"], max: 8) == (["oversize", "line:ok"], 0))
        // Too long with its newline in the same chunk.
        #expect(Self.frame(["0123456789\nok\n"], max: 8).events == ["oversize", "line:ok"])
        // Grown too long over several chunks.
        #expect(Self.frame(["01234", "56789\n", "ok\n"], max: 8).events == ["oversize", "line:ok"])
        #expect(Self.frame(["01234", "56789", "\nok\n"], max: 8).events == ["oversize", "line:ok"])
        // Exactly the limit is accepted.
        #expect(Self.frame(["01234567\n"], max: 8).events == ["line:01234567"])
        #expect(Self.frame(["0123", "4567", "\n"], max: 8).events == ["line:01234567"])
        // Two oversize lines in a row, then recovery.
        #expect(
            Self.frame(["0123456789\n0123456789", "0\nok\n"], max: 8).events == ["oversize", "oversize", "line:ok"])
        // Nothing is buffered while discarding.
        #expect(Self.frame(["0123456789", "0123456789"], max: 8) == (["oversize"], 0))
    }
}

@Suite("LineFramer: a longer limit for lines that ask for it")
struct LineFramerLongLineTests {
    /// Frames `chunks` with a base limit of 8 and a maximum of 32; `allow` answers the question about a long line.
    static func frame(_ chunks: [String], allow: @escaping (String) -> Int) -> (events: [String], asked: [String]) {
        var framer = LineFramer(maxLineBytes: 32, baseLineBytes: 8)
        var events: [LineFramer.Event] = []
        var asked: [String] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { bytes in
                framer.append(bytes, into: &events) { prefix in
                    asked.append(String(decoding: prefix, as: UTF8.self))
                    return allow(String(decoding: prefix, as: UTF8.self))
                }
            }
        }
        let described = events.map { event -> String in
            switch event {
            case .line(let bytes): return "line:" + String(decoding: bytes, as: UTF8.self)
            case .oversize: return "oversize"
            }
        }
        return (described, asked)
    }

    @Test("a line past the base limit is asked about once, with its first bytes; the answer is clamped to the maximum")
    func asking() {
        // Allowed: the line may grow to the answer.
        let allowed = Self.frame(["big:0123", "456789\n", "ok\n"]) { $0.hasPrefix("big") ? 20 : 0 }
        #expect(allowed.events == ["line:big:0123456789", "line:ok"])
        #expect(allowed.asked == ["big:0123456789"])
        // Refused (an answer below the base is the base): discarded, not buffered.
        let refused = Self.frame(["small:0123", "456789\n", "ok\n"]) { $0.hasPrefix("big") ? 20 : 0 }
        #expect(refused.events == ["oversize", "line:ok"])
        // Past the allowance, and past the maximum whatever the answer.
        #expect(Self.frame(["big:", "0123456789012345678901234\n"]) { _ in 20 }.events == ["oversize"])
        #expect(Self.frame(["big:01234567890123456789012345678901234\n"]) { _ in 1 << 30 }.events == ["oversize"])
        // The next line starts at the base limit again.
        let next = Self.frame(["big:0123456789\n", "second:0123456\n"]) { $0.hasPrefix("big") ? 20 : 0 }
        #expect(next.events == ["line:big:0123456789", "oversize"])
        #expect(next.asked.count == 2)
        // Lines within the base limit never ask.
        #expect(
            Self.frame(["a\nbb\n"]) { _ in
                Issue.record("asked")
                return 0
            }.asked.isEmpty)
    }
}

@Suite("RequestPrefix")
struct RequestPrefixTests {
    static func method(_ text: String) -> String? { RequestPrefix.methodName(in: Array(text.utf8)) }

    @Test("the method is read from the first bytes of a request, whatever comes before it")
    func methodName() {
        #expect(
            Self.method(#"{"jsonrpc":"2.0","id":1,"method":"product.submit","params":{"name":"#) == "product.submit")
        #expect(Self.method(#" { "id" : "a,b}" , "x":{"method":"no"},"y":[1,{"z":"\"}"}], "method" : "a.b" "#) == "a.b")
        #expect(Self.method(#"{"auth":"tok\"en","method":"m","#) == "m")
        // Not found within the prefix, a batch, a cut-off or escaped name: no method (the default limit).
        #expect(Self.method(#"{"jsonrpc":"2.0","params":{"s":"aaaa"#) == nil)
        #expect(Self.method(#"[{"jsonrpc":"2.0","method":"product.submit""#) == nil)
        #expect(Self.method(#"{"method":"product.sub"#) == nil)
        #expect(Self.method(#"{"method":"product\u002esubmit","#) == nil)
        #expect(Self.method(#"{"method":1,"#) == nil)
        #expect(Self.method("garbage") == nil)
        #expect(Self.method("") == nil)
    }
}
