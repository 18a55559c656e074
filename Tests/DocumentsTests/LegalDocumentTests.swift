// The document model as services store it.
import Foundation
import SiOpenDocuments
import SiOpenDomain
import Testing

@Suite("Legal document model")
struct LegalDocumentTests {
    @Test func codableRoundTrip() throws {
        let sample = try SampleDocuments.suratPesanan()
        let decoded = try JSONDecoder().decode(LegalDocument.self, from: JSONEncoder().encode(sample))
        #expect(decoded == sample)
    }

    @Test func blocksEncodeAsOneKeyObjects() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(
            decoding: try encoder.encode([LegalDocument.Block.paragraph("Teks"), .heading("Pasal 1")]), as: UTF8.self)
        #expect(json == #"[{"paragraph":"Teks"},{"heading":"Pasal 1"}]"#)
        let table = String(
            decoding: try encoder.encode(
                LegalDocument.Block.table(.init(columns: [.init("Nilai", alignment: .right)], rows: [["1"]]))),
            as: UTF8.self)
        #expect(table == #"{"table":{"columns":[{"alignment":"right","header":"Nilai"}],"footer":[],"rows":[["1"]]}}"#)
    }

    @Test func malformedBlocksAreRejected() {
        for json in [#"{}"#, #"{"paragraph":"a","heading":"b"}"#, #"{"image":"x"}"#, #"{"paragraph":1}"#] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(LegalDocument.Block.self, from: Data(json.utf8))
            }
        }
    }
}
