import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element of a Query API response: name, text and children, namespaces dropped.
///
/// Responses are small (a few KB), so a tree is simpler to read from than SAX callbacks, and the
/// decoders stay plain functions over values.
public struct WireElement: Sendable, Hashable {
    public var name: String
    public var text: String
    public var children: [WireElement]

    public init(name: String, text: String = "", children: [WireElement] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first direct child with this name.
    public func child(_ name: String) -> WireElement? { children.first { $0.name == name } }

    /// Follows direct children by name: `element.at("Credentials", "AccessKeyId")`.
    public func at(_ path: String...) -> WireElement? {
        var current: WireElement? = self
        for name in path { current = current?.child(name) }
        return current
    }

    /// The text of a direct child, `nil` when the child is absent.
    public func value(_ name: String) -> String? { child(name)?.text }

    /// The first element with this name anywhere below (depth first), or self.
    public func first(_ name: String) -> WireElement? {
        if self.name == name { return self }
        for child in children {
            if let found = child.first(name) { return found }
        }
        return nil
    }

    /// The `member` children of a list element (`<Users><member>…`).
    public var members: [WireElement] { children.filter { $0.name == "member" } }

    /// Parses a document; `nil` when the bytes are not well-formed XML (an HTML error page, say).
    public static func parse(_ data: Data) -> WireElement? {
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }
}

/// Collects XMLParser's callbacks into a `WireElement` tree.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [WireElement] = []
    var root: WireElement?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        stack.append(WireElement(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard var element = stack.popLast() else { return }
        if !element.children.isEmpty {
            // Whitespace between child elements is layout, not content.
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }
}
