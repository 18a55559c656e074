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
        #expect(Self.frame(["0123456789\n0123456789", "0\nok\n"], max: 8).events == ["oversize", "oversize", "line:ok"])
        // Nothing is buffered while discarding.
        #expect(Self.frame(["0123456789", "0123456789"], max: 8) == (["oversize"], 0))
    }
}
