// Page layout for PDFRenderer: flows a LegalDocument's blocks down A4 pages, breaking pages
// wherever content runs out of room, splitting table rows taller than a page, repeating table
// headers, and stamping "Halaman i dari N" footers once the page count is known.
import SiOpenDomain

/// Lays a document out on A4 pages. A class because the table and signature routines hand
/// closures that draw into the current page; it lives only inside one `render` call.
final class PDFLayout {
    static let pageWidth = 595.0
    static let pageHeight = 842.0
    static let marginLeft = 62.0  // a little wider on the left, where documents are bound
    static let marginRight = 55.0
    static let marginTop = 50.0
    static let contentBottom = 770.0  // the footer lives below this
    static let footerRule = 784.0
    static let footerBaseline = 797.0
    static let contentWidth = pageWidth - marginLeft - marginRight
    static let contentHeight = contentBottom - marginTop

    private(set) var pages: [PageContent] = [PageContent()]
    /// The top of the next thing placed on the current page.
    private var y = PDFLayout.marginTop

    private var page: PageContent {
        get { pages[pages.count - 1] }
        set { pages[pages.count - 1] = newValue }
    }

    private var remaining: Double { Self.contentBottom - y }
    private var atPageTop: Bool { y <= Self.marginTop }

    private func newPage() {
        pages.append(PageContent())
        y = Self.marginTop
    }

    /// Vertical space, dropped at the top of a page where it would only push content down.
    private func space(_ amount: Double) {
        guard !atPageTop else { return }
        y = min(y + amount, Self.contentBottom)
    }

    // MARK: Document

    /// The resource name of the emblem image on the first page.
    static let emblemName = "Im1"
    /// The height of the emblem and the side of the QR code in the letterhead.
    static let letterheadImageSize = 62.0

    /// Lays out the whole document, then stamps every page's footer (it needs the page count).
    func place(_ document: LegalDocument, emblem: DocumentImage? = nil, qr: QRCode? = nil) {
        placeLetterhead(document.letterhead, emblem: emblem, qr: qr)
        placeTitle(document)
        for (index, block) in document.blocks.enumerated() {
            // A signature area never stands alone at the top of a page: the block before it
            // goes to the new page with it.
            if index + 1 < document.blocks.count, case .signatures(let signatures) = document.blocks[index + 1],
                let before = height(of: block)
            {
                let together = before + 16 + signaturesHeight(signatures)
                if together > remaining && together <= Self.contentHeight { newPage() }
            }
            switch block {
            case .heading(let text): placeHeading(text)
            case .paragraph(let text): placeText(text, style: .body, justified: true, spaceAfter: 7)
            case .fields(let fields): placeFields(fields)
            case .table(let table): placeTable(table)
            case .signatures(let signatures): placeSignatures(signatures)
            case .smallPrint(let text): placeText(text, style: .smallPrint, justified: false, spaceAfter: 4)
            }
        }
        placeFooters(documentNumber: document.documentNumber)
    }

    /// The height a text block takes, for keeping it with the signatures after it; nil for
    /// blocks that split over pages on their own (tables) or stand for themselves.
    private func height(of block: LegalDocument.Block) -> Double? {
        switch block {
        case .paragraph(let text):
            return Double(LineBreaker.wrap(text, style: .body, width: Self.contentWidth).count) * TextStyle.body.leading
                + 7
        case .smallPrint(let text):
            return Double(LineBreaker.wrap(text, style: .smallPrint, width: Self.contentWidth).count)
                * TextStyle.smallPrint.leading + 4
        case .fields(let fields):
            let style = TextStyle.body
            let labelWidth = fieldLabelWidth(fields)
            let valueWidth = Self.contentWidth - labelWidth - 16
            return fields.reduce(7.0) { total, field in
                total + Double(
                    max(
                        LineBreaker.wrap(field.label, style: style, width: labelWidth).count,
                        LineBreaker.wrap(field.value, style: style, width: valueWidth).count)) * style.leading
            }
        case .heading, .table, .signatures: return nil
        }
    }

    /// The height of the first row of a signature area (the part that must not be orphaned).
    private func signaturesHeight(_ signatures: LegalDocument.Signatures) -> Double {
        let parties = Array(signatures.parties.prefix(3))
        let slots = max(2, parties.count)
        let columnWidth = Self.contentWidth / Double(slots) - 12
        let blocks = parties.map { signatoryLines($0, width: columnWidth) }
        var height = 0.0
        for piece in 0..<3 { height += blocks.map { $0[piece].height }.max() ?? 0 }
        height += blocks.map { $0.dropFirst(3).reduce(0) { $0 + $1.height } }.max() ?? 0
        if let placeAndDate = signatures.placeAndDate {
            height +=
                Double(LineBreaker.wrap(placeAndDate, style: .body, width: columnWidth).count)
                * TextStyle.body.leading
        }
        return height
    }

    /// The kop surat: the emblem on the left, the QR code on the right, the lines centred
    /// between them, and a double rule under the tallest of the three.
    private func placeLetterhead(_ lines: [String], emblem: DocumentImage?, qr: QRCode?) {
        let size = Self.letterheadImageSize
        let top = y
        if let qr {
            page.qrCode(qr, x: Self.marginLeft + Self.contentWidth - size, top: top - 4, side: size)
        }
        guard !lines.isEmpty || emblem != nil else {
            if qr != nil { y = top + size }
            return
        }
        if let emblem {
            let width = min(size * Double(emblem.width) / Double(emblem.height), size * 1.25)
            let height = width * Double(emblem.height) / Double(emblem.width)
            page.image(
                Self.emblemName, x: Self.marginLeft, top: top + (size - height) / 2, width: width, height: height)
        }
        let inset = emblem != nil || qr != nil ? size + 10 : 0
        let width = Self.contentWidth - 2 * inset
        for (index, text) in lines.enumerated() {
            // The last of several lines is the address, conventionally in small plain type.
            let style: TextStyle = index == lines.count - 1 && lines.count > 1 ? .address : .letterhead
            placeLines(
                LineBreaker.wrap(text, style: style, width: width), style: style, alignment: .center,
                x: Self.marginLeft + inset, width: width)
        }
        y = max(y, top + (emblem != nil || qr != nil ? size - 4 : 0))
        y += 4
        // The kop surat's double rule: a heavy line over a thin one.
        page.line(from: (Self.marginLeft, y), to: (Self.marginLeft + Self.contentWidth, y), width: 1.6)
        page.line(from: (Self.marginLeft, y + 2.6), to: (Self.marginLeft + Self.contentWidth, y + 2.6), width: 0.5)
        y += 16
    }

    private func placeTitle(_ document: LegalDocument) {
        placeLines(
            LineBreaker.wrap(document.title, style: .title, width: Self.contentWidth), style: .title, alignment: .center
        )
        y += 2
        placeText("Nomor: \(document.documentNumber)", style: .body, alignment: .center)
        placeText("Tanggal: \(IndonesianDate.long(document.issuedOn))", style: .body, alignment: .center)
        y += 14
    }

    private func placeHeading(_ text: String) {
        let lines = LineBreaker.wrap(text, style: .heading, width: Self.contentWidth)
        space(8)
        // Keep the heading with at least two lines of what follows it.
        let needed = Double(lines.count) * TextStyle.heading.leading + 2 * TextStyle.body.leading
        if needed > remaining && needed <= Self.contentHeight { newPage() }
        placeLines(lines, style: .heading, alignment: .left)
        y += 3
    }

    private func placeText(
        _ text: String, style: TextStyle, alignment: LegalDocument.Table.Alignment = .left, justified: Bool = false,
        spaceAfter: Double = 0
    ) {
        placeLines(
            LineBreaker.wrap(text, style: style, width: Self.contentWidth), style: style, alignment: alignment,
            justified: justified)
        space(spaceAfter)
    }

    /// Sets lines one under another across the content width, breaking pages as needed.
    private func placeLines(
        _ lines: [WrappedLine], style: TextStyle, alignment: LegalDocument.Table.Alignment, justified: Bool = false,
        x: Double = PDFLayout.marginLeft, width: Double = PDFLayout.contentWidth
    ) {
        for line in lines {
            if style.leading > remaining { newPage() }
            drawLine(line, style: style, x: x, width: width, top: y, alignment: alignment, justified: justified)
            y += style.leading
        }
    }

    /// Draws one line in the box `x ..< x + width` whose top is `top`.
    private func drawLine(
        _ line: WrappedLine, style: TextStyle, x: Double, width: Double, top: Double,
        alignment: LegalDocument.Table.Alignment, justified: Bool = false
    ) {
        let lineWidth = style.width(line.text)
        var spacing = 0.0
        if justified && !line.endsParagraph {
            let spaces = line.text.count(where: { $0 == 0x20 })
            // Stretch only when the gaps stay modest; a line with one short word and a cut
            // long word would otherwise open gaping holes.
            if spaces > 0 {
                let stretch = (width - lineWidth) / Double(spaces)
                if stretch > 0 && stretch <= style.size { spacing = stretch }
            }
        }
        let start: Double
        switch alignment {
        case .left: start = x
        case .center: start = x + max(0, (width - lineWidth) / 2)
        case .right: start = x + max(0, width - lineWidth)
        }
        page.text(line.text, style: style, x: start, baseline: style.baseline(top: top), wordSpacing: spacing)
    }

    // MARK: Rows that may split across pages

    /// Places a row `lineCount` lines tall, with `padding` above and below. A row that fits
    /// on the page is drawn whole; one that does not starts on a new page if it fits there
    /// (`freshRoom` is the height a new page offers, after a repeated table header), and
    /// otherwise is split between lines. `draw` draws the given lines at the current `y`;
    /// `newPage` starts the next page (a table repeats its header there).
    private func placeRow(
        lineCount: Int, leading: Double, padding: Double, freshRoom: Double = PDFLayout.contentHeight,
        newPage: () -> Void, draw: (_ lines: Range<Int>, _ height: Double) -> Void
    ) {
        let total = max(1, lineCount)
        var start = 0
        var freshTop = -1.0  // the y of the page top this row was moved or continued to
        while start < total {
            let needed = 2 * padding + Double(total - start) * leading
            if needed <= remaining {
                draw(start..<total, needed)
                y += needed
                return
            }
            let atFreshTop = y == freshTop
            if start == 0 && !atFreshTop && needed <= freshRoom {
                newPage()
                freshTop = y
                continue
            }
            var fit = Int(((remaining - 2 * padding) / leading).rounded(.down))
            if fit < 1 {
                if !atFreshTop {
                    newPage()
                    freshTop = y
                    continue
                }
                // Not even one line fits on a fresh page: impossible with this geometry, but
                // progress is guaranteed.
                fit = 1
            }
            fit = min(fit, total - start)
            let height = 2 * padding + Double(fit) * leading
            draw(start..<(start + fit), height)
            y += height
            start += fit
            if start < total {
                newPage()
                freshTop = y
            }
        }
    }

    // MARK: Fields

    /// The label column's width: the widest label, at most 38 % of the line.
    private func fieldLabelWidth(_ fields: [LegalDocument.Field]) -> Double {
        let widest = fields.map { LineBreaker.extents($0.label, style: .body).line }.max() ?? 0
        return min(widest, Self.contentWidth * 0.38)
    }

    private func placeFields(_ fields: [LegalDocument.Field]) {
        guard !fields.isEmpty else { return }
        let style = TextStyle.body
        let labelWidth = fieldLabelWidth(fields)
        let colonX = Self.marginLeft + labelWidth + 6
        let valueX = colonX + 10
        let valueWidth = Self.marginLeft + Self.contentWidth - valueX
        for field in fields {
            let label = LineBreaker.wrap(field.label, style: style, width: labelWidth)
            let value = LineBreaker.wrap(field.value, style: style, width: valueWidth)
            placeRow(lineCount: max(label.count, value.count), leading: style.leading, padding: 0, newPage: newPage) {
                lines, _ in
                for (offset, index) in lines.enumerated() {
                    let top = y + Double(offset) * style.leading
                    if index < label.count {
                        drawLine(
                            label[index], style: style, x: Self.marginLeft, width: labelWidth, top: top,
                            alignment: .left)
                    }
                    if index == 0 {
                        drawLine(
                            WrappedLine(text: [0x3A], endsParagraph: true), style: style, x: colonX, width: 10,
                            top: top, alignment: .left)
                    }
                    if index < value.count {
                        drawLine(value[index], style: style, x: valueX, width: valueWidth, top: top, alignment: .left)
                    }
                }
            }
        }
        space(7)
    }

    // MARK: Tables

    private static let cellPadding = 4.0
    private static let cellPaddingVertical = 3.0

    private func placeTable(_ table: LegalDocument.Table) {
        let columnCount = ([table.columns.count] + table.rows.map(\.count) + table.footer.map(\.count)).max() ?? 0
        guard columnCount > 0 else { return }
        let alignments = (0..<columnCount).map { $0 < table.columns.count ? table.columns[$0].alignment : .left }
        let headers: [String]? =
            table.columns.isEmpty
            ? nil : (0..<columnCount).map { $0 < table.columns.count ? table.columns[$0].header : "" }
        let widths = columnWidths(headers: headers, rows: table.rows, footer: table.footer, count: columnCount)
        var xs: [Double] = []
        var x = Self.marginLeft
        for width in widths {
            xs.append(x)
            x += width
        }

        func wrapRow(_ cells: [String], style: TextStyle) -> [[WrappedLine]] {
            (0..<columnCount).map { column in
                let text = column < cells.count ? cells[column] : ""
                return LineBreaker.wrap(text, style: style, width: widths[column] - 2 * Self.cellPadding)
            }
        }

        func drawRow(_ cells: [[WrappedLine]], style: TextStyle, fill: Double?, lines: Range<Int>, height: Double) {
            let top = y
            if let fill {
                page.fillRect(x: Self.marginLeft, top: top, width: widths.reduce(0, +), height: height, gray: fill)
            }
            for column in 0..<columnCount {
                for (offset, index) in lines.enumerated() where index < cells[column].count {
                    drawLine(
                        cells[column][index], style: style, x: xs[column] + Self.cellPadding,
                        width: widths[column] - 2 * Self.cellPadding,
                        top: top + Self.cellPaddingVertical + Double(offset) * style.leading,
                        alignment: alignments[column])
                }
                page.strokeRect(
                    x: xs[column], top: top, width: widths[column], height: height, lineWidth: 0.5, gray: 0.25)
            }
        }

        func lineCount(_ cells: [[WrappedLine]]) -> Int { cells.map(\.count).max() ?? 1 }

        let padding = Self.cellPaddingVertical
        let headerCells = headers.map { wrapRow($0, style: .tableBold) }
        let headerHeight = headerCells.map { 2 * padding + Double(lineCount($0)) * TextStyle.tableBold.leading } ?? 0
        // A header taller than a quarter page is not repeated: it would crowd out the rows.
        let repeatsHeader = headerCells != nil && headerHeight <= Self.contentHeight / 4

        func drawWholeHeader() {
            guard let headerCells else { return }
            drawRow(headerCells, style: .tableBold, fill: 0.88, lines: 0..<lineCount(headerCells), height: headerHeight)
            y += headerHeight
        }

        func continueOnNewPage() {
            newPage()
            if repeatsHeader { drawWholeHeader() }
        }

        // Keep the header with the first line of the first row.
        let firstLine = 2 * padding + TextStyle.tableBody.leading
        if headerHeight + firstLine > remaining && headerHeight + firstLine <= Self.contentHeight { newPage() }
        if let headerCells {
            if repeatsHeader {
                drawWholeHeader()
            } else {
                placeRow(
                    lineCount: lineCount(headerCells), leading: TextStyle.tableBold.leading, padding: padding,
                    newPage: newPage
                ) {
                    lines, height in drawRow(headerCells, style: .tableBold, fill: 0.88, lines: lines, height: height)
                }
            }
        }
        let sections: [(rows: [[String]], style: TextStyle, fill: Double?)] = [
            (table.rows, .tableBody, nil), (table.footer, .tableBold, 0.95),
        ]
        for (rows, style, fill) in sections {
            for row in rows {
                let cells = wrapRow(row, style: style)
                placeRow(
                    lineCount: lineCount(cells), leading: style.leading, padding: padding,
                    freshRoom: Self.contentHeight - (repeatsHeader ? headerHeight : 0), newPage: continueOnNewPage
                ) {
                    lines, height in drawRow(cells, style: style, fill: fill, lines: lines, height: height)
                }
            }
        }
        space(9)
    }

    /// Column widths filling the content width, the way browsers lay out tables: columns whose
    /// unwrapped text fits within a fair share of the width get exactly that (so "No.", units
    /// and amounts never wrap), and the rest share what is left, each keeping at least its
    /// longest word, in proportion to how much text they hold. Only if even the longest words
    /// cannot fit are all columns shrunk alike, and long words cut.
    private func columnWidths(headers: [String]?, rows: [[String]], footer: [[String]], count: Int) -> [Double] {
        let padding = 2 * Self.cellPadding
        var minimum = [Double](repeating: padding + 8, count: count)
        var natural = minimum
        func measure(_ cells: [String], style: TextStyle) {
            for (column, text) in cells.enumerated() where column < count {
                let extents = LineBreaker.extents(text, style: style)
                minimum[column] = max(minimum[column], min(extents.word + padding, Self.contentWidth))
                natural[column] = max(natural[column], extents.line + padding)
            }
        }
        if let headers { measure(headers, style: .tableBold) }
        for row in rows { measure(row, style: .tableBody) }
        for row in footer { measure(row, style: .tableBold) }
        for column in 0..<count { natural[column] = max(natural[column], minimum[column]) }

        let available = Self.contentWidth
        let naturalTotal = natural.reduce(0, +)
        if naturalTotal <= available {
            return natural.map { $0 * available / naturalTotal }  // everything fits: widen alike
        }
        // Water-filling: fix every column narrower than an equal share of the room still open.
        var widths = [Double?](repeating: nil, count: count)
        var room = available
        while true {
            let open = (0..<count).filter { widths[$0] == nil }
            let share = room / Double(max(1, open.count))
            let fitting = open.filter { natural[$0] <= share }
            if fitting.isEmpty || fitting.count == open.count { break }
            for column in fitting {
                widths[column] = natural[column]
                room -= natural[column]
            }
        }
        let open = (0..<count).filter { widths[$0] == nil }
        let openMinimum = open.reduce(0) { $0 + minimum[$1] }
        let openSlack = open.reduce(0) { $0 + natural[$1] - minimum[$1] }
        if openMinimum <= room && openSlack > 0 {
            for column in open {
                widths[column] =
                    minimum[column] + (room - openMinimum) * (natural[column] - minimum[column]) / openSlack
            }
            return widths.map { $0 ?? 0 }
        }
        let minimumTotal = minimum.reduce(0, +)
        if minimumTotal <= available {
            let slack = naturalTotal - minimumTotal  // > 0: naturalTotal > available >= minimumTotal
            return (0..<count).map { minimum[$0] + (available - minimumTotal) * (natural[$0] - minimum[$0]) / slack }
        }
        return minimum.map { $0 * available / minimumTotal }
    }

    // MARK: Signatures

    private static let signatureSpace = 54.0

    private func placeSignatures(_ signatures: LegalDocument.Signatures) {
        guard !signatures.parties.isEmpty || signatures.placeAndDate != nil else { return }
        space(16)
        let perRow = 3
        var rows: [[LegalDocument.Signatory]] = stride(from: 0, to: signatures.parties.count, by: perRow).map {
            Array(signatures.parties[$0..<min($0 + perRow, signatures.parties.count)])
        }
        if rows.isEmpty { rows = [[]] }
        for (rowIndex, parties) in rows.enumerated() {
            // One signer sits on the right, as in Indonesian letters; otherwise share the width.
            let slots = max(2, parties.count)
            let slotWidth = Self.contentWidth / Double(slots)
            let firstSlot = slots - parties.count
            let columnWidth = slotWidth - 12
            let placeAndDate =
                rowIndex == 0
                ? signatures.placeAndDate.map {
                    LineBreaker.wrap($0, style: .body, width: columnWidth)
                } : nil
            var blocks = parties.map { signatoryLines($0, width: columnWidth) }
            // Line the columns up: roles, signature spaces and names start level across the row.
            for piece in 0..<3 {
                let tallest = blocks.map { $0[piece].height }.max() ?? 0
                for index in blocks.indices { blocks[index][piece].height = tallest }
            }
            let height =
                (blocks.map { $0.reduce(0) { $0 + $1.height } }.max() ?? 0)
                + Double(placeAndDate?.count ?? 0) * TextStyle.body.leading
            if height > remaining && height <= Self.contentHeight { newPage() }
            guard height <= remaining else {
                // Taller than a page (absurdly long names or roles): flow it instead.
                if let placeAndDate { placeLines(placeAndDate, style: .body, alignment: .center) }
                for block in blocks {
                    for piece in block { placeSignaturePiece(piece, x: Self.marginLeft, width: Self.contentWidth) }
                }
                continue
            }
            let rowTop = y
            if let placeAndDate {
                let lastSlot = slots - 1
                placeLines(
                    placeAndDate, style: .body, alignment: .center,
                    x: Self.marginLeft + Double(lastSlot) * slotWidth + 6,
                    width: columnWidth)
            }
            let partiesTop = y
            var bottom = y
            for (index, block) in blocks.enumerated() {
                y = partiesTop
                let x = Self.marginLeft + Double(firstSlot + index) * slotWidth + 6
                for piece in block { placeSignaturePiece(piece, x: x, width: columnWidth) }
                bottom = max(bottom, y)
            }
            y = max(bottom, rowTop + height)
            space(10)
        }
    }

    /// A piece of a signatory's column: centred lines, possibly underlined, or the empty
    /// space where the signature goes with the electronic-signature note in its middle.
    private struct SignaturePiece {
        var lines: [WrappedLine]
        var style: TextStyle
        var underlined = false
        /// The height of the piece: more than its lines need for the signature space, or to
        /// line it up with the tallest piece of its kind in the row.
        var height: Double
        /// Whether the lines sit in the middle of the height (the note) or at its top.
        var centred = false
        /// How many of the first lines sit in a dashed box (where the meterai goes).
        var boxedLines = 0
    }

    /// The pieces of one party's column: role, signature space, name, and the detail if any.
    /// Always at least the first three, which ``placeSignatures(_:)`` lines up across a row.
    private func signatoryLines(_ party: LegalDocument.Signatory, width: Double) -> [SignaturePiece] {
        func piece(_ text: String, _ style: TextStyle, underlined: Bool = false) -> SignaturePiece {
            let lines = LineBreaker.wrap(text, style: style, width: width)
            return SignaturePiece(
                lines: lines, style: style, underlined: underlined, height: Double(lines.count) * style.leading)
        }
        var pieces = [piece(party.role, .body)]
        // The meterai's box, then a blank line, then the note.
        let noteText = [party.meterai, party.signedNote].compactMap { $0 }.joined(separator: "\n\n")
        var note =
            noteText.isEmpty
            ? SignaturePiece(lines: [], style: .signedNote, height: 0) : piece(noteText, .signedNote)
        if let meterai = party.meterai {
            note.boxedLines = LineBreaker.wrap(meterai, style: .signedNote, width: width).count
        }
        note.height = max(Self.signatureSpace, note.height + 16)
        note.centred = true
        pieces.append(note)
        pieces.append(piece(party.name, .signatureName, underlined: true))
        if let detail = party.detail { pieces.append(piece(detail, .signatureDetail)) }
        return pieces
    }

    private func placeSignaturePiece(_ piece: SignaturePiece, x: Double, width: Double) {
        let linesHeight = Double(piece.lines.count) * piece.style.leading
        let top = y
        let pageCount = pages.count
        if piece.centred {
            y = min(y + (piece.height - linesHeight) / 2, Self.contentBottom)
        }
        if piece.boxedLines > 0, Double(piece.boxedLines) * piece.style.leading + 8 <= remaining {
            let boxWidth =
                (piece.lines.prefix(piece.boxedLines).map { piece.style.width($0.text) }.max() ?? 0) + 16
            page.dashedRect(
                x: x + (width - boxWidth) / 2, top: y - 3, width: boxWidth,
                height: Double(piece.boxedLines) * piece.style.leading + 6, lineWidth: 0.6, gray: 0.35)
        }
        for line in piece.lines {
            if piece.style.leading > remaining { newPage() }
            drawLine(line, style: piece.style, x: x, width: width, top: y, alignment: .center)
            if piece.underlined && !line.text.isEmpty {
                let lineWidth = piece.style.width(line.text)
                let start = x + max(0, (width - lineWidth) / 2)
                let underline = piece.style.baseline(top: y) + 1.6
                page.line(from: (start, underline), to: (start + min(lineWidth, width), underline), width: 0.6)
            }
            y += piece.style.leading
        }
        if pages.count == pageCount { y = max(y, min(top + piece.height, Self.contentBottom)) }
    }

    // MARK: Footer

    /// Every page's footer: the document number on the left (a loose page can be matched to
    /// its document) and "Halaman i dari N" on the right.
    private func placeFooters(documentNumber: String) {
        let style = TextStyle.footer
        let right = Self.marginLeft + Self.contentWidth
        let number = Array(WinAnsi.lines(of: documentNumber).joined(separator: [0x20]))
        for index in pages.indices {
            let label = WinAnsi.encode("Halaman \(index + 1) dari \(pages.count)")
            let labelWidth = style.width(label)
            let room = Self.contentWidth - labelWidth - 16
            pages[index].line(
                from: (Self.marginLeft, Self.footerRule), to: (right, Self.footerRule), width: 0.5, gray: 0.6)
            pages[index].text(
                fitted(number, style: style, width: room), style: style, x: Self.marginLeft,
                baseline: Self.footerBaseline)
            pages[index].text(label, style: style, x: right - labelWidth, baseline: Self.footerBaseline)
        }
    }

    /// `text` shortened with an ellipsis (WinAnsi 0x85) when wider than `width`.
    private func fitted(_ text: [UInt8], style: TextStyle, width: Double) -> [UInt8] {
        guard style.width(text) > width else { return text }
        var kept = text
        var keptWidth = style.width(text) + style.width([0x85])
        while keptWidth > width, let last = kept.popLast() { keptWidth -= style.width([last]) }
        return kept + [0x85]
    }
}
