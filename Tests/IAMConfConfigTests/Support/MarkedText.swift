import IAMConfCore

/// YAML with the expected problem spots marked inline, in the style of swift-format's marked-text
/// tests: `⟦code⟧` sits right before the character the diagnostic must point at.
struct MarkedText {
    struct Mark: Hashable, CustomStringConvertible {
        var line: Int
        var column: Int
        var code: String
        var description: String { "\(line):\(column) [\(code)]" }
    }

    var text: String
    var marks: [Mark]

    init(_ marked: String) {
        var text = ""
        var marks: [Mark] = []
        var line = 1
        var column = 1
        var scalars = marked.unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "⟦", let close = scalars.firstIndex(of: "⟧") {
                let code = String(String.UnicodeScalarView(scalars[scalars.index(after: scalars.startIndex)..<close]))
                marks.append(Mark(line: line, column: column, code: code))
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            scalars = scalars.dropFirst()
        }
        self.text = text
        self.marks = marks
    }
}

extension Diagnostics {
    /// `line:column [code]` of every diagnostic in `file`, for comparing with marks.
    func marks(in file: String = "main.yaml") -> Set<MarkedText.Mark> {
        Set(compactMap { diagnostic in
            guard let location = diagnostic.location, location.file == file else { return nil }
            return MarkedText.Mark(line: location.line, column: location.column, code: diagnostic.code)
        })
    }
}
