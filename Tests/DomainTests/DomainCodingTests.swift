import Foundation
import SiOpenDomain
import SiOpenProtocol
import Testing

/// A vendor registration as it might arrive in params.
struct VendorForm: Codable, Equatable {
    var nik: NIK
    var npwp: NPWP
    var nib: NIB?
    var email: EmailAddress
    var phone: PhoneNumber
    var items: [Item]

    struct Item: Codable, Equatable {
        var name: String
        var price: Rupiah
    }
}

@Suite("Domain values in JSON")
struct DomainCodingTests {
    let valid: [String: JSONValue] = [
        "nik": "6311011501900001",
        "npwp": "65.389.112.7-005.000",
        "nib": "9120001234567",
        "email": "Vendor@Example.CO.ID",
        "phone": "0812-3456-7890",
        "items": [["name": "Kertas A4", "price": 55_000], ["name": "Tinta", "price": 120_000]],
    ]

    func decode(_ members: [String: JSONValue]) throws -> VendorForm {
        try JSONDecoder().decode(VendorForm.self, from: Data(JSONValue.object(members).serialized))
    }

    @Test func decodesAndEncodesCanonicalForms() throws {
        let form = try decode(valid)
        #expect(form.npwp.value == "0653891127005000")
        #expect(form.email.value == "vendor@example.co.id")
        #expect(form.phone.value == "+6281234567890")
        #expect(form.items[1].price == 120_000)
        let encoded = try JSONValue(parsing: Array(JSONEncoder().encode(form)))
        #expect(encoded["nik"] == "6311011501900001")
        #expect(encoded["npwp"] == "0653891127005000")
        #expect(encoded["nib"] == "9120001234567")
        #expect(encoded["email"] == "vendor@example.co.id")
        #expect(encoded["phone"] == "+6281234567890")
        #expect(encoded["items"]?.arrayValue?[0]["price"] == 55_000)
        #expect(try decode(encoded.objectValue!) == form)
    }

    @Test(arguments: [
        ("nik", JSONValue.string("6311013201900001"), "nik"),
        ("npwp", .string("65.389.112.8-005.000"), "npwp"),
        ("nib", .string("123"), "nib"),
        ("email", .string("not an email"), "email"),
        ("phone", .string("+1 555 0100"), "phone"),
    ])
    func badValueNamesTheField(_ key: String, _ value: JSONValue, _ field: String) throws {
        var members = valid
        members[key] = value
        let error = #expect(throws: DecodingError.self) { try decode(members) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted for \(key), got \(String(describing: error))")
            return
        }
        #expect(ParamsDecoding.path(context.codingPath) == field)
        #expect(context.debugDescription.hasPrefix("must") || context.debugDescription.hasPrefix("is "))
    }

    @Test func theRPCLayerReportsMinus32602WithTheField() throws {
        var members = valid
        members["nik"] = "6311013102990001"
        let error = #expect(throws: RPCError.self) {
            try ParamsDecoding.decode(VendorForm.self, from: .object(members))
        }
        #expect(error?.code == -32602)
        let fields = error?.data?["fields"]?.arrayValue
        #expect(fields?.first?["field"] == "nik")
        #expect(fields?.first?["reason"]?.stringValue?.contains("does not exist") == true)

        members = valid
        members["items"] = [["name": "Kertas", "price": 1], ["name": "Tinta", "price": -2]]
        let nested = #expect(throws: RPCError.self) {
            try ParamsDecoding.decode(VendorForm.self, from: .object(members))
        }
        #expect(nested?.data?["fields"]?.arrayValue?.first?["field"] == "items[1].price")
    }

    @Test func wrongJSONTypeIsATypeMismatch() {
        var members = valid
        members["nik"] = 6_311_011_501_900_001
        #expect(throws: DecodingError.self) { try decode(members) }
    }

    @Test func schemasCarryPatternAndDescription() throws {
        for type in [NIK.self, NPWP.self, NIB.self, EmailAddress.self, PhoneNumber.self]
            as [any JSONSchemaDescribing.Type]
        {
            let schema = type.jsonSchema
            #expect(schema["type"] == "string", "\(type)")
            #expect(schema["pattern"]?.stringValue?.isEmpty == false, "\(type)")
            #expect(schema["description"]?.stringValue?.isEmpty == false, "\(type)")
        }
        #expect(Rupiah.jsonSchema["type"] == "integer")
        #expect(Rupiah.jsonSchema["minimum"] == 0)
        let (schema, error) = JSONSchemaInference.schema(for: VendorForm.self)
        #expect(error == nil)
        #expect(schema["properties"]?["nik"]?["pattern"] == "^[0-9]{16}$")
        #expect(schema["properties"]?["items"]?["items"]?["properties"]?["price"]?["type"] == "integer")
        #expect(schema["required"]?.arrayValue?.contains("nib") == false)
    }

    @Test func schemaExamplesAreValid() throws {
        #expect(try NIK(NIK.schemaExample.value) == NIK.schemaExample)
        #expect(try NPWP(NPWP.schemaExample.value) == NPWP.schemaExample)
        #expect(try NIB(NIB.schemaExample.value) == NIB.schemaExample)
        #expect(try EmailAddress(EmailAddress.schemaExample.value) == EmailAddress.schemaExample)
        #expect(try PhoneNumber(PhoneNumber.schemaExample.value) == PhoneNumber.schemaExample)
        #expect(try Rupiah(checked: Rupiah.schemaExample.amount) == Rupiah.schemaExample)
    }

    @Test func identifierErrorBecomesA422() {
        let error = IdentifierError(reason: "must be a NIK of 16 digits").validationFailed(field: "director.nik")
        #expect(error.kind == .validation)
        #expect(error.fields == [FieldError(field: "director.nik", reason: "must be a NIK of 16 digits")])
    }
}
