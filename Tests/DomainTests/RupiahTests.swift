import Foundation
import SiOpenDomain
import Testing

@Suite("Rupiah")
struct RupiahTests {
    @Test func formatting() throws {
        #expect(Rupiah.zero.formatted == "Rp0")
        #expect((5 as Rupiah).formatted == "Rp5")
        #expect((999 as Rupiah).formatted == "Rp999")
        #expect((1_000 as Rupiah).formatted == "Rp1.000")
        #expect((15_500 as Rupiah).formatted == "Rp15.500")
        #expect((10_000_000 as Rupiah).formatted == "Rp10.000.000")
        #expect((123_456_789 as Rupiah).description == "Rp123.456.789")
        #expect(try Rupiah(checked: .max).formatted == "Rp9.223.372.036.854.775.807")
    }

    @Test func checkedRefusesNegative() throws {
        #expect(try Rupiah(checked: 0) == .zero)
        #expect(try Rupiah(checked: 42).amount == 42)
        #expect(throws: IdentifierError.self) { try Rupiah(checked: -1) }
    }

    @Test func arithmeticThrowsInsteadOfOverflowing() throws {
        let max = try Rupiah(checked: .max)
        #expect(try (1_000 as Rupiah) + 500 == 1_500)
        #expect(throws: IdentifierError.self) { try max + 1 }
        #expect(try (1_000 as Rupiah) - 1_000 == .zero)
        #expect(throws: IdentifierError.self) { try (1_000 as Rupiah) - 1_001 }
        #expect(try (25_000 as Rupiah) * 4 == 100_000)
        #expect(try 3 * (25_000 as Rupiah) == 75_000)
        #expect(try max * 1 == max)
        #expect(try max * 0 == .zero)
        #expect(throws: IdentifierError.self) { try max * 2 }
        #expect(throws: IdentifierError.self) { try (4_611_686_018_427_387_904 as Rupiah) * 2 }
        #expect(throws: IdentifierError.self) { try (1_000 as Rupiah) * -1 }
        #expect(try Rupiah.sum([100, 200, 300]) == 600)
        #expect(throws: IdentifierError.self) { try Rupiah.sum([max, 1]) }
        #expect((1 as Rupiah) < 2)
    }

    @Test func codableAsAJSONInteger() throws {
        struct Line: Codable, Equatable { var price: Rupiah }
        let data = try JSONEncoder().encode(Line(price: 10_000_000))
        #expect(String(decoding: data, as: UTF8.self) == #"{"price":10000000}"#)
        #expect(try JSONDecoder().decode(Line.self, from: data) == Line(price: 10_000_000))
        let negative = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Line.self, from: Data(#"{"price":-5}"#.utf8))
        }
        guard case .dataCorrupted(let context) = negative else {
            Issue.record("expected dataCorrupted, got \(String(describing: negative))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["price"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Line.self, from: Data(#"{"price":"1000"}"#.utf8))
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Line.self, from: Data(#"{"price":1.5}"#.utf8)) }
    }
}
