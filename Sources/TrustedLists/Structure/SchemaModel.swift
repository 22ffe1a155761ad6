/// TrustAudit's own model of an XML Schema, reduced to what structural validation of a trusted
/// list needs: element content models (sequence / choice / wildcard with occurrence bounds),
/// required attributes and the simple value kinds. It is written from the published TS 119 612
/// schemas (facts: names, order, cardinalities) so that every list gets a structural check even
/// when the official XSD files are not supplied.
struct SchemaModel: Sendable {
    /// Complex types by name (`tsl:TSPType`, …).
    let types: [String: SchemaType]
    /// Global elements by qualified name (`{namespace}local`) → type name; used for the root
    /// and for wildcard (`xs:any processContents="lax"`) children that name a known element.
    let globalElements: [String: String]
}

/// One complex or simple type.
struct SchemaType: Sendable {
    /// The children the type allows, nil for text-only (simple content) types.
    let content: SchemaParticle?
    /// Attributes the type declares (others are errors unless `anyAttribute`).
    let attributes: [SchemaAttribute]
    /// The kind of the text value, for simple content; nil when text is not checked.
    let value: SchemaValue?
    /// Whether text may be mixed with child elements.
    let mixed: Bool

    init(
        content: SchemaParticle? = nil, attributes: [SchemaAttribute] = [], value: SchemaValue? = nil,
        mixed: Bool = false
    ) {
        self.content = content
        self.attributes = attributes
        self.value = value
        self.mixed = mixed
    }
}

/// A particle of a content model. `max == nil` means unbounded.
indirect enum SchemaParticle: Sendable {
    /// A child element `{namespace}name` of the named type (nil: not descended, e.g. ds:Signature).
    case element(namespace: String, name: String, type: String?, min: Int, max: Int?)
    case sequence([SchemaParticle], min: Int, max: Int?)
    case choice([SchemaParticle], min: Int, max: Int?)
    /// `xs:any`: elements of any namespace (`namespace == nil`) or of `##other`
    /// (`otherThan`) are accepted; known global elements are validated (lax).
    case any(otherThan: String?, min: Int, max: Int?)
}

/// An attribute declaration.
struct SchemaAttribute: Sendable {
    /// `{namespace}local` for qualified attributes (xml:lang), plain local name otherwise.
    let name: String
    let required: Bool
    let value: SchemaValue?
}

/// The simple value kinds TS 119 612 uses.
enum SchemaValue: Sendable {
    case string
    case nonEmptyString
    case integer
    case nonNegativeInteger
    case positiveInteger
    case boolean
    case dateTime
    case anyURI
    case nonEmptyURI
    case base64Binary
    case language
    /// One of these literal values.
    case enumeration([String])
}
