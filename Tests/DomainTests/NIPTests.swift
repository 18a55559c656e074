import Foundation
import SiOpenDomain
import Testing

@Suite("NIP")
struct NIPTests {
    @Test func acceptsAValidNIPAndPrintsItGrouped() throws {
        let nip = try NIP("198701012010011001")
        #expect(nip.value == "198701012010011001")
        #expect(nip.printed == "19870101 201001 1 001")
        #expect(try NIP("197512312000122999").printed == "19751231 200012 2 999")
    }

    @Test(arguments: [
        "", "19870101201001100", "1987010120100110011", "19870101 201001 1 001", "１９８７０１０１２０１００１１００１",
        "198702302010011001",  // 30 February
        "198701012010131001",  // month 13 of appointment
        "198701011987011001",  // appointed the month of birth
        "198701012010013001",  // sex 3
        "198701012010011000",  // serial 000
    ])
    func refusesWhatBKNWouldNotIssue(_ text: String) {
        #expect(throws: IdentifierError.self) { try NIP(text) }
    }

    @Test func decodesOnlyValidNIPs() throws {
        let decoded = try JSONDecoder().decode([NIP].self, from: Data(#"["198701012010011001"]"#.utf8))
        #expect(decoded.first?.printed == "19870101 201001 1 001")
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode([NIP].self, from: Data(#"["198701012010013001"]"#.utf8))
        }
    }
}
