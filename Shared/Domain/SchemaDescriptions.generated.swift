// swift-format-ignore-file
// Generated from the `///` comments of this module's Codable types; do not edit. After changing
// a comment, regenerate with `SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests`.
import SiOpenProtocol

extension CivilDate: SchemaDescribed {
    public static var schemaDescription: String { "A calendar day (`YYYY-MM-DD`) with no time and no zone: a Surat Pesanan's delivery date, a sanction's first and last day. Day arithmetic is exact (no daylight or leap-second effects). Encodes as a JSON string `YYYY-MM-DD`; decoding refuses dates that do not exist." }
    public static var fieldDescriptions: [String: String] {
        [
            "year": "The year, 1900–2200.",
            "month": "The month, 1–12.",
            "day": "The day of the month.",
            "description": "`YYYY-MM-DD`.",
        ]
    }
}

extension Delivery: SchemaDescribed {
    public static var schemaDescription: String { "A delivery (or a replacement delivery) by the vendor." }
    public static var fieldDescriptions: [String: String] {
        [
            "deliveryID": "The delivery's id, unique in the order.",
            "deliveredOn": "The day the goods arrived.",
            "lines": "What arrived.",
            "inspected": "Whether the PPK has recorded its inspection.",
        ]
    }
}

extension DeliveryLedger: SchemaDescribed {
    public static var schemaDescription: String { "The running account of an order's deliveries and inspections, as a pure value." }
    public static var fieldDescriptions: [String: String] {
        [
            "items": "One account per ordered item, in the order's order.",
            "deliveries": "Every delivery, oldest first.",
            "replacementRequests": "Every replacement request, oldest first.",
            "isFullyAccepted": "Whether every ordered unit is accepted (nothing pending, nothing to replace): the condition for confirming receipt.",
            "hasPendingInspection": "Whether a delivery still waits for its inspection.",
        ]
    }
}

extension DeliveryLine: SchemaDescribed {
    public static var schemaDescription: String { "One item's quantity in a delivery." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "The order item's id.",
            "quantity": "Units delivered. From callers: `InputLimits/quantity`.",
        ]
    }
}

extension EmailAddress: SchemaDescribed {
    public static var schemaDescription: String { "A plausible email address: one `@`, a local part of 1-64 characters, a domain of dot-separated non-empty labels with at least one dot, no whitespace or control characters, at most 254 characters in all. The whole address is normalised: Unicode NFC, then lowercased, local part included. RFC 5321 lets a mail server treat `Budi` and `budi` as two mailboxes, but none that officials and vendors use does, and sign-in already finds an account by its email without regard to case: so one spelling per mailbox, and two accounts can never differ only by case. Whether the mailbox exists can only be shown by sending to it. Encodes as a JSON string." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The address, normalised (NFC, lowercased).",
            "localPart": "The part before the `@`, lowercased.",
            "domain": "The lowercased domain after the `@`.",
            "description": "The address.",
        ]
    }
}

extension FundingSource: SchemaDescribed {
    public static var schemaDescription: String { "Where the money for a purchase comes from (Pasal 2). Values: `apbn`: The state budget. `apbd`: The regional budget. `blud`: A regional public service agency's own budget. `bumd`: A regional state-owned enterprise's budget." }
}

extension Inspection: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's inspection of one delivery (annex I.D.3.g)." }
    public static var fieldDescriptions: [String: String] {
        [
            "deliveryID": "The delivery inspected.",
            "inspectedOn": "The day of the inspection.",
            "lines": "One line per item of the delivery.",
        ]
    }
}

extension InspectionLine: SchemaDescribed {
    public static var schemaDescription: String { "The inspection result for one item of a delivery." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "The order item's id.",
            "accepted": "Units accepted. From callers: `InputLimits/quantity`.",
            "rejected": "Units rejected. From callers: `InputLimits/quantity`.",
            "reason": "Why units were rejected; required exactly when `rejected` > 0.",
            "note": "What was found, for the vendor.",
        ]
    }
}

extension LatePart: SchemaDescribed {
    public static var schemaDescription: String { "A part of the order that was (or still is) late." }
    public static var fieldDescriptions: [String: String] {
        [
            "valueBeforePPN": "The part's value before PPN (its DPP): the penalty's base.",
            "dueDate": "The agreed delivery date.",
            "deliveredOn": "The day it was delivered, or nil while it is still outstanding.",
            "kind": "What the part is.",
            "itemID": "The order item, for a part of kind `item`.",
        ]
    }
}

extension LatePartKind: SchemaDescribed {
    public static var schemaDescription: String { "What a late part is: units of an item, or the order's supporting costs. Values: `item`: Units of one item of the order. `supporting_costs`: The agreed delivery (ongkos kirim), installation and training lines: done only when the whole order is delivered, so late when the last delivery is late." }
}

extension LatePartPenalty: SchemaDescribed {
    public static var schemaDescription: String { "The penalty on one late part: its base, days, rate and amount, as the BAST shows them." }
    public static var fieldDescriptions: [String: String] {
        [
            "daysLate": "Calendar days late, uncapped.",
            "daysCharged": "Days charged: `daysLate` capped at the maximum.",
            "amount": "The penalty for this part: `base × daysCharged × perMille ÷ 1000`, rounded half up.",
            "base": "The part's value before PPN the rate applies to; nil in assessments stored before it was kept.",
            "kind": "What the part is; nil in assessments stored before it was kept.",
            "itemID": "The order item, for a part of kind `item`.",
            "dueDate": "The agreed delivery date; nil in assessments stored before it was kept.",
            "deliveredOn": "The day it was delivered; nil while outstanding (or in assessments stored before it was kept).",
        ]
    }
}

extension LatePenaltyAssessment: SchemaDescribed {
    public static var schemaDescription: String { "The penalty on an order: per part and in total, with the rate and its legal basis." }
    public static var fieldDescriptions: [String: String] {
        [
            "parts": "One entry per late part, in the order given.",
            "total": "The sum of the parts' penalties.",
            "base": "The sum of the parts' bases (the late value before PPN).",
            "perMille": "The rate: thousandths of the base per day late.",
            "maxDays": "The most days charged per part.",
            "legalBasis": "The rule the rate rests on.",
        ]
    }
}

extension LatePenaltyRate: SchemaDescribed {
    public static var schemaDescription: String { "The penalty rate as data: `perMille` thousandths of the late part's value per day. Decoding trusts what was stored; values from a caller go through the throwing initializer." }
    public static var fieldDescriptions: [String: String] {
        [
            "perMille": "Thousandths of the value per day late.",
            "effectiveFrom": "The first day it applies.",
            "legalBasis": "The rule that sets it.",
        ]
    }
}

extension LedgerItem: SchemaDescribed {
    public static var schemaDescription: String { "One item's running account." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "The order item's id.",
            "ordered": "Units the Surat Pesanan orders.",
            "delivered": "Units delivered so far, replacements and rejected units included.",
            "accepted": "Units accepted on inspection.",
            "rejected": "Units rejected on inspection so far.",
            "pendingInspection": "Units delivered and not yet inspected.",
            "awaitingReplacement": "Rejected units the vendor has not yet brought a replacement for.",
            "outstanding": "Units the vendor may still deliver: ordered − accepted − pending inspection (rejected units count here again, since they must be replaced).",
        ]
    }
}

extension LineTotal: SchemaDescribed {
    public static var schemaDescription: String { "One line's amount." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "The order item's id.",
            "unitPrice": "The unit price.",
            "quantity": "How many units.",
            "amount": "unitPrice × quantity.",
        ]
    }
}

extension NIB: SchemaDescribed {
    public static var schemaDescription: String { "A valid NIB: exactly 13 digits. OSS publishes no check digit, so only the shape is checked. Encodes as a plain JSON string of the 13 digits." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The 13 digits.",
            "description": "The 13 digits.",
        ]
    }
}

extension NIK: SchemaDescribed {
    public static var schemaDescription: String { "A valid NIK: 16 digits `PPKKCCDDMMYYSSSS`: province, kabupaten/kota and kecamatan codes, the holder's date of birth (day + 40 for women) and a serial number. Validation checks the shape, that no region code is `00`, that the birth date exists (a two-digit year allows 29 February when 19yy or 20yy is a leap year, i.e. when yy is a multiple of 4), and that the serial is not `0000`. It cannot tell whether the number was actually issued; only Dukcapil can. Encodes as a plain JSON string of the 16 digits. Decoding a value that is not a valid NIK throws `DecodingError.dataCorrupted` at the field, which the RPC layer reports as -32602." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The 16 digits.",
            "provinceCode": "The two-digit province code, e.g. `63` for Kalimantan Selatan.",
            "regionCode": "The four-digit kabupaten/kota code (province + regency), e.g. `6311` for Balangan.",
            "districtCode": "The six-digit kecamatan code (province + regency + district).",
            "isFemale": "Whether the holder is a woman (the birth day is written + 40).",
            "birthDay": "The day of birth, 1-31 (with the + 40 for women removed).",
            "birthMonth": "The month of birth, 1-12.",
            "birthYearTwoDigits": "The last two digits of the year of birth, 0-99 (the century is not recorded).",
            "serial": "The four-digit serial number.",
            "description": "The 16 digits.",
        ]
    }
}

extension NIP: SchemaDescribed {
    public static var schemaDescription: String { "A valid NIP: 18 digits laid out as BKN assigns them (Peraturan Kepala BKN 22/2007 Pasal 6): date of birth `YYYYMMDD`, the year and month of appointment `YYYYMM`, sex (1 man, 2 woman) and a three-digit serial (001–999). The birth date must exist; appointment comes after birth. Encodes as a plain JSON string of the 18 digits; printed grouped as `19870101 201001 1 001`." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The 18 digits.",
            "description": "The 18 digits.",
            "printed": "The NIP as printed under a signature: `19870101 201001 1 001`.",
        ]
    }
}

extension NPWP: SchemaDescribed {
    public static var schemaDescription: String { "A valid NPWP, stored in its canonical 16-digit form. Accepted input: - the legacy 15 digits, plain (`012345674005000`) or punctuated `XX.XXX.XXX.X-XXX.XXX`, whose 9th digit must be the Luhn check digit of the first 8; stored as `0` + the 15 digits; - 16 digits starting with `0`: `0` + a legacy NPWP, whose check digit must also hold; - 16 digits not starting with `0`: the holder's NIK (since 2024), which must be a valid `NIK`. Encodes as a JSON string of the 16 canonical digits, whatever form was given." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The canonical 16 digits.",
            "isLegacy": "Whether this NPWP is a legacy 15-digit number (stored with a leading `0`) rather than a NIK.",
            "legacyDigits": "The legacy 15 digits, or `nil` for a NIK-based NPWP.",
            "legacyFormatted": "The legacy number as printed on the card, `XX.XXX.XXX.X-XXX.XXX`; `nil` for a NIK-based NPWP.",
            "displayText": "The NPWP as a person expects to read it: the punctuated legacy form, or the 16 digits.",
            "nik": "The holder's NIK when the NPWP is one (16 digits not starting with `0`).",
            "taxpayerTypeCode": "The legacy taxpayer-type code, the first two legacy digits (`01`-`03` business entity, `04`-`09` individuals, `00` government treasurer); `nil` for a NIK-based NPWP.",
            "isGovernmentTreasurer": "Whether this is the NPWP of a government treasurer (bendahara): a legacy number whose taxpayer-type code is `00`. Codes `01`-`03` also begin with 0 but are business entities.",
            "description": "The canonical 16 digits.",
        ]
    }
}

extension OfferLine: SchemaDescribed {
    public static var schemaDescription: String { "One line of an order or offer: an item of the order at a unit price and quantity." }
    public static var fieldDescriptions: [String: String] {
        [
            "itemID": "The order item's id (one per product in the order).",
            "unitPrice": "The unit price, stated on the order's `PriceBasis`. From callers: `InputLimits/amount`.",
            "quantity": "How many units. From callers: `InputLimits/quantity`.",
        ]
    }
}

extension OrderTotals: SchemaDescribed {
    public static var schemaDescription: String { "An order's totals as the Surat Pesanan shows them and the tax invoice (faktur pajak) computes them, with checked integer arithmetic. The lines and supporting costs add up to `statedTotal`, on the order's `PriceBasis`. PPN is computed once on that whole amount, step by step as `PPNRate` sets out: the DPP (`totalBeforePPN`), the DPP nilai lain (`dppNilaiLain`) and the PPN (`ppn`), each rounded by its own rule; what the buyer pays is `totalIncludingPPN = totalBeforePPN + ppn`, so the printed table adds up. With PPN-exclusive prices the DPP is `statedTotal` and PPN is added on top. With PPN-inclusive prices the DPP is taken out of `statedTotal`; because the DPP and the PPN are each whole rupiah, DPP + PPN can differ from the stated amount by Rp1 either way (Rp5,000,000 including PPN: DPP 4,504,505 + PPN 495,496 = 5,000,001). The tax invoice is what counts, so the total is DPP + PPN and the difference is shown as `roundingDifference`. A non-PKP vendor charges no PPN: DPP, DPP nilai lain and total are the stated amount." }
    public static var fieldDescriptions: [String: String] {
        [
            "lines": "Each line with its amount.",
            "itemsSubtotal": "The sum of the lines.",
            "deliveryCost": "Delivery (ongkos kirim).",
            "installationCost": "Installation.",
            "trainingCost": "Training.",
            "statedTotal": "The lines and costs as priced (including PPN when the prices include it): `itemsSubtotal + deliveryCost + installationCost + trainingCost`.",
            "totalBeforePPN": "The tax base (DPP, harga jual): the stated total without PPN, as the tax invoice states it.",
            "dppNilaiLain": "The DPP nilai lain the tariff applies to (11/12 of the DPP from 2025); the DPP itself when the rule has no other base, or for a non-PKP vendor.",
            "ppn": "The PPN: the tariff on the DPP nilai lain, rounded; 0 for a non-PKP vendor.",
            "totalIncludingPPN": "What the buyer pays: `totalBeforePPN + ppn`. This is what counts toward the ceiling.",
            "roundingDifference": "For PPN-inclusive prices of a PKP, `totalIncludingPPN − statedTotal` in rupiah (−1, 0 or 1): the rounding of the price into whole-rupiah DPP and PPN; 0 otherwise.",
            "ppnTerms": "The PPN terms used (status, price basis and the dated rule with its legal basis).",
        ]
    }
}

extension PPNGoodsClass: SchemaDescribed {
    public static var schemaDescription: String { "Which goods and services a PPN rule covers (PMK 131/2024 distinguishes two). Values: `ordinary`: Ordinary goods and services: from 2025 12% of the DPP nilai lain, 11/12 of the price (PMK 131/2024 Pasal 3). `luxury`: Luxury goods subject to PPnBM: from 2025 12% of the full price (PMK 131/2024 Pasal 2)." }
}

extension PPNRate: SchemaDescribed {
    public static var schemaDescription: String { "One dated PPN rule as the tax invoice (faktur pajak) applies it, every step as data. The steps, each rounded to whole rupiah by its own rule: 1. DPP (dasar pengenaan pajak, the harga jual): the stated amount when prices exclude PPN; when they include it, `stated × 1 ÷ (1 + effective rate)`, rounded by `dppRounding`. 2. DPP nilai lain: `DPP × otherBaseNumerator ÷ otherBaseDenominator`, rounded by `otherBaseRounding`; without an other base the tariff applies to the DPP itself. 3. PPN: `tax base × numerator ÷ denominator` (the tariff), rounded by `rounding`. From 2025 for ordinary goods: DPP nilai lain 11/12, tariff 12/100 (PMK 131/2024 Pasal 3, the faktur's \"DPP Nilai Lain\" column, kode transaksi 04). Rp5,000,000 including PPN gives DPP 4,504,505 (5,000,000 × 100/111 = 4,504,504.50 → half up), DPP nilai lain 4,129,130 (4,129,129.58 → half up), PPN 495,496 (495,495.6 → half up). Decoding trusts what was stored; values from a caller go through the throwing initializer. A stored rule of the older shape (`numerator`, `denominator`, `rounding` only) decodes as the tariff applied to the DPP itself, with every step rounded by `rounding`: the same figures it gave." }
    public static var fieldDescriptions: [String: String] {
        [
            "numerator": "The tariff's numerator (12 for 12%), applied to the tax base.",
            "denominator": "The tariff's denominator (100 for 12%).",
            "otherBaseNumerator": "The DPP nilai lain factor's numerator (11 for 11/12), or nil when the tariff applies to the DPP itself.",
            "otherBaseDenominator": "The DPP nilai lain factor's denominator (12 for 11/12), or nil with `otherBaseNumerator`.",
            "goodsClass": "The goods and services the rule covers.",
            "effectiveFrom": "The first day the rule applies (the tax date: the day the order is placed).",
            "rounding": "How the PPN line is rounded to whole rupiah.",
            "dppRounding": "How the DPP taken out of a PPN-inclusive amount is rounded to whole rupiah.",
            "otherBaseRounding": "How the DPP nilai lain is rounded to whole rupiah.",
            "legalBasis": "The rules it rests on.",
            "effectiveRate": "The effective rate on the DPP as one fraction (`numerator`, `denominator`): the tariff times the other-base factor (12/100 × 11/12 = 132/1200, i.e. 11%). Both fit: each factor is at most 1,000,000.",
        ]
    }
}

extension PPNTerms: SchemaDescribed {
    public static var schemaDescription: String { "How PPN applies to an order: the vendor's status, how its prices are stated, and the rate." }
    public static var fieldDescriptions: [String: String] {
        [
            "vendorStatus": "Whether the vendor charges PPN at all.",
            "priceBasis": "Whether the prices contain PPN.",
            "rate": "The rate in force on the order's date.",
        ]
    }
}

extension PhoneNumber: SchemaDescribed {
    public static var schemaDescription: String { "An Indonesian telephone number (mobile or fixed line), stored in E.164 form `+62…`. Accepted input: `+62…`, `62…` or the domestic `0…`, with optional spaces, hyphens, dots or parentheses between digits (`0812-3456-7890`, `+62 812 3456 7890`, `(0526) 2028123`). After removing them and the prefix, the national number must have 7-13 digits and not start with `0`, so the E.164 form has 9-15 digits. Encodes as a JSON string of the E.164 form." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The number in E.164 form, e.g. `+6281234567890`.",
            "domesticFormat": "The domestic form, `0` followed by the national number, e.g. `081234567890`.",
            "description": "The E.164 form.",
        ]
    }
}

extension PriceBasis: SchemaDescribed {
    public static var schemaDescription: String { "Whether catalogue prices already contain PPN (the catalogue states it per product). Values: `ppn_included`: Prices include PPN; the PPN shown is the portion they contain. `ppn_excluded`: Prices exclude PPN; PPN is added on top." }
}

extension PurchaseCeiling: SchemaDescribed {
    public static var schemaDescription: String { "The most one purchase funded by `source` may cost, from `effectiveFrom`, and why. Decoding trusts what was stored; values from a caller go through the throwing initializer." }
    public static var fieldDescriptions: [String: String] {
        [
            "source": "The funding source it limits.",
            "amount": "The highest allowed total, inclusive.",
            "legalBasis": "The rule that sets it, e.g. `Perbup Balangan 92/2023 Pasal 2`.",
            "effectiveFrom": "The first day it applies.",
        ]
    }
}

extension PurchaseCeilings: SchemaDescribed {
    public static var schemaDescription: String { "A tenant's ceilings, possibly several per source over time." }
    public static var fieldDescriptions: [String: String] {
        [
            "entries": "Every entry, in no particular order.",
        ]
    }
}

extension RegionCode: SchemaDescribed {
    public static var schemaDescription: String { "A valid Kemendagri region code: 4 digits for a kabupaten/kota (`63.11` Balangan), 6 for a kecamatan (`63.11.01`) or 10 for a desa/kelurahan (`63.11.01.2001`), each level's first two digits not `00`. Accepted with or without the dots; kept and encoded as the digits alone (`6311`); `dotted` writes it as Kemendagri prints it. The code is where a place lies, not where a person's NIK was issued: a NIK is kept for life (UU 24/2013 Pasal 13) and its prefix names the region of first registration only." }
    public static var fieldDescriptions: [String: String] {
        [
            "value": "The digits, without dots: 4, 6 or 10 of them.",
            "regency": "The kabupaten/kota this code lies in (its first 4 digits).",
            "dotted": "As Kemendagri prints it: `63.11`, `63.11.01`, `63.11.01.2001`.",
            "description": "The digits.",
        ]
    }
}

extension RejectionReason: SchemaDescribed {
    public static var schemaDescription: String { "Why the PPK rejects delivered units (annex I.D.3.h); each obliges the vendor to replace them at its own cost (I.D.3.i). Values: `defect`: Defective (cacat). `damage`: Damaged (rusak). `malfunction`: Does not work (malfungsi). `specification_mismatch`: Does not match the technical specification." }
}

extension ReplacementRequest: SchemaDescribed {
    public static var schemaDescription: String { "The PPK's request that the vendor replace rejected units at its own cost (annex I.D.3.h–i)." }
    public static var fieldDescriptions: [String: String] {
        [
            "deliveryID": "The delivery the units came in.",
            "itemID": "The order item.",
            "quantity": "Units to replace.",
            "reason": "Why they were rejected.",
            "note": "What was found.",
            "requestedOn": "The day of the inspection that rejected them.",
        ]
    }
}

extension RupiahRounding: SchemaDescribed {
    public static var schemaDescription: String { "How a fraction of a rupiah is rounded to a whole rupiah. Values: `half_up`: Half a rupiah or more rounds up (tax lines from 2025, PER-11/PJ/2025 Pasal 129). `down`: Any fraction is dropped (tax lines before 2025)." }
}

extension VendorTaxStatus: SchemaDescribed {
    public static var schemaDescription: String { "Whether a vendor is registered for VAT (Pengusaha Kena Pajak). Only a PKP charges PPN. Values: `pkp`: Pengusaha Kena Pajak: charges PPN. `non_pkp`: Not a PKP (most small vendors): no PPN." }
}
