#!/usr/bin/env python3
"""Writes Sources/TrustedLists/Structure/SchemaModel+TS119612.swift from the published
ETSI TS 119 612 XML schemas.

TrustAudit does not ship the official XSD files; it carries its own structural model of them
(SchemaModel: names, order, cardinalities, attribute and value kinds). This script derives that
model from a local copy of the published schemas so the Swift file can be regenerated and
reviewed against them:

  main schema      ts119612-v2.2.1/ts_119612v020201_201601xsd.xsd  (content model = V2.4.1)
  sie              ts119612-v2.4.1/ts_119612v020401_sie_xsd.xsd
  additionaltypes  ts119612-v2.4.1/ts_119612v020401_additionaltypes_xsd.xsd

It also compares the V2.1.1 main schema (ts119612-v2.1.1/ts_119612v020101_xsd.xsd) with V2.2.1
and writes the differences into the generated file (SchemaModel.v211Differences).

Usage:
  python3 scripts/tl-schema-model.py XSD_DIR [--output FILE]
      XSD_DIR holds the ts119612-v2.x.x/ folders. Writes the Swift file (default:
      Sources/TrustedLists/Structure/SchemaModel+TS119612.swift) and prints the
      V2.1.1 differences.
  python3 scripts/tl-schema-model.py XSD_DIR --check LIST.xml...
      Validates the structure of trusted lists against the model (children order and
      cardinality, attributes, simple values) with a small matcher; writes nothing.
      For version-5 lists it also says when a list valid against V2.2.1 is not valid against
      V2.1.1 (from the differences above). Exit status 1 when a list is rejected.

Python 3 standard library only (xml.etree).
"""
import argparse
import base64
import binascii
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

XSD = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML = "http://www.w3.org/XML/1998/namespace"
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
TSL = "http://uri.etsi.org/02231/v2#"
ECC = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
TSLX = "http://uri.etsi.org/02231/v2/additionaltypes#"

# Type keys are "<prefix>:<TypeName>" with these fixed prefixes (whatever prefix a schema file
# uses itself); anonymous types get "<prefix>:<Owner>#anon".
KEY_PREFIX = {TSL: "tsl", ECC: "ecc", TSLX: "tslx", XSD: "xsd"}
# Swift constant names for namespaces in the generated file (private enum NS).
NS_CONSTANT = {TSL: "tsl", ECC: "ecc", TSLX: "tslx", DS: "ds", XADES: "xades", XML: "xml"}
# Elements and types of these namespaces are not descended (type: nil): the XMLDSig and XAdES
# structure is checked by TrustAudit's signature rules.
NOT_DESCENDED = {DS: "XMLDSig", XADES: "XAdES"}

MAIN = "ts119612-v2.2.1/ts_119612v020201_201601xsd.xsd"
SIE = "ts119612-v2.4.1/ts_119612v020401_sie_xsd.xsd"
ADDITIONAL = "ts119612-v2.4.1/ts_119612v020401_additionaltypes_xsd.xsd"
MAIN_V211 = "ts119612-v2.1.1/ts_119612v020101_xsd.xsd"
MAIN_V241 = "ts119612-v2.4.1/ts_119612v020401_xsd.xsd"

# Built-in simple types → SchemaValue case (None: value not checked).
BUILTIN_VALUE = {
    "string": ("string",),
    "normalizedString": ("string",),
    "token": ("string",),
    "anyURI": ("anyURI",),
    "dateTime": ("dateTime",),
    "integer": ("integer",),
    "nonNegativeInteger": ("nonNegativeInteger",),
    "positiveInteger": ("positiveInteger",),
    "boolean": ("boolean",),
    "base64Binary": ("base64Binary",),
    "language": ("language",),
    "ID": None,
    "anySimpleType": None,
}
UNBOUNDED = None


class SchemaError(Exception):
    pass


def q(ns, local):
    return "{%s}%s" % (ns, local)


def xs(local):
    return q(XSD, local)


# ---------------------------------------------------------------------------------------------
# Reading the schemas
# ---------------------------------------------------------------------------------------------

class SchemaFile:
    """One schema document with its in-scope prefixes (all declared on xsd:schema here)."""

    def __init__(self, path):
        self.path = path
        self.prefixes = {}
        for event, item in ET.iterparse(path, events=("start-ns",)):
            prefix, uri = item
            if self.prefixes.get(prefix, uri) != uri:
                raise SchemaError("%s: prefix %r redeclared" % (path, prefix))
            self.prefixes[prefix] = uri
        self.root = ET.parse(path).getroot()
        if self.root.tag != xs("schema"):
            raise SchemaError("%s: not an xsd:schema" % path)
        self.target = self.root.get("targetNamespace")
        self.element_qualified = self.root.get("elementFormDefault") == "qualified"
        self.attribute_qualified = self.root.get("attributeFormDefault") == "qualified"

    def resolve(self, qname):
        """QName attribute value → (namespace, local)."""
        prefix, _, local = qname.rpartition(":")
        if prefix == "xml":
            return XML, local
        if prefix not in self.prefixes:
            raise SchemaError("%s: unknown prefix in %r" % (self.path, qname))
        return self.prefixes[prefix], local


def occurs(node):
    low = int(node.get("minOccurs", "1"))
    high = node.get("maxOccurs", "1")
    return low, (UNBOUNDED if high == "unbounded" else int(high))


class ModelBuilder:
    """Resolves the schema components of a set of schema files into the SchemaModel shape:

    type  = {"content": particle|None, "attributes": [(name, required, value)],
             "value": value|None, "mixed": bool}
    particle = ("element", ns, name, typeKey|None, min, max) | ("sequence", [p], min, max)
             | ("choice", [p], min, max) | ("any", otherThan|None, min, max)
    value = ("string",) | … | ("enumeration", [literals]) | ("pattern", regex)
    """

    def __init__(self, files):
        self.files = files
        self.complex = {}   # (ns, name) → (file, node)
        self.simple = {}
        self.elements = {}
        for f in files:
            for node in f.root:
                name = node.get("name")
                if node.tag == xs("complexType"):
                    self.complex[(f.target, name)] = (f, node)
                elif node.tag == xs("simpleType"):
                    self.simple[(f.target, name)] = (f, node)
                elif node.tag == xs("element"):
                    for unsupported in ("substitutionGroup", "abstract"):
                        if node.get(unsupported) is not None:
                            raise SchemaError("%s: %s on element %s" % (f.path, unsupported, name))
                    self.elements[(f.target, name)] = (f, node)
                elif node.tag in (xs("import"), xs("annotation"), xs("include")):
                    if node.tag == xs("include"):
                        raise SchemaError("%s: xsd:include not supported" % f.path)
                elif isinstance(node.tag, str):
                    raise SchemaError("%s: unsupported top-level %s" % (f.path, node.tag))
        self.types = {}
        self.in_progress = set()
        self.global_elements = {}
        for (ns, name) in sorted(self.elements):
            self.global_element_type(ns, name)
        for (ns, name) in sorted(self.complex):
            self.type_key(ns, name)
        for (ns, name) in sorted(self.simple):
            self.type_key(ns, name)

    def global_element_type(self, ns, name):
        if q(ns, name) not in self.global_elements:
            f, node = self.elements[(ns, name)]
            self.global_elements[q(ns, name)] = self.element_type(f, node, "%s:%s" % (key_prefix(ns), name))
        return self.global_elements[q(ns, name)]

    # -- type keys ---------------------------------------------------------------------------

    def type_key(self, ns, name):
        """Key of a named type, building the type on first use; None when not descended."""
        if ns in NOT_DESCENDED:
            return None
        key = "%s:%s" % (key_prefix(ns), name)
        if key in self.types or key in self.in_progress:
            return key
        self.in_progress.add(key)
        if ns == XSD:
            if name not in BUILTIN_VALUE:
                raise SchemaError("built-in type xsd:%s not mapped" % name)
            self.types[key] = simple_type(BUILTIN_VALUE[name])
        elif (ns, name) in self.complex:
            f, node = self.complex[(ns, name)]
            self.types[key] = self.complex_type(f, node, key)
        elif (ns, name) in self.simple:
            f, node = self.simple[(ns, name)]
            self.types[key] = simple_type(self.simple_value(f, node))
        else:
            raise SchemaError("type {%s}%s not found in the schemas read" % (ns, name))
        self.in_progress.discard(key)
        return key

    def element_type(self, f, node, owner):
        """Type key of an element declaration (named type or inline anonymous type)."""
        if node.get("type"):
            return self.type_key(*f.resolve(node.get("type")))
        inline = [c for c in node if c.tag in (xs("complexType"), xs("simpleType"))]
        if not inline:
            raise SchemaError("%s: element %s has no type (xsd:anyType)" % (f.path, node.get("name")))
        key = owner + "#anon"
        if key in self.types:
            raise SchemaError("duplicate anonymous type key %s" % key)
        if inline[0].tag == xs("complexType"):
            self.types[key] = self.complex_type(f, inline[0], key)
        else:
            self.types[key] = simple_type(self.simple_value(f, inline[0]))
        return key

    # -- simple values -----------------------------------------------------------------------

    def value_of(self, ns, name):
        """SchemaValue of a named simple type (or the value of a simple-content complex type)."""
        if ns == XSD:
            if name not in BUILTIN_VALUE:
                raise SchemaError("built-in type xsd:%s not mapped" % name)
            return BUILTIN_VALUE[name]
        if (ns, name) in self.simple:
            f, node = self.simple[(ns, name)]
            return self.simple_value(f, node)
        if (ns, name) in self.complex:
            return self.types[self.type_key(ns, name)]["value"]
        raise SchemaError("simple type {%s}%s not found" % (ns, name))

    def simple_value(self, f, node):
        """Value kind of an xsd:simpleType (named or anonymous) or of a restriction node."""
        if node.tag == xs("simpleType"):
            children = [c for c in node if c.tag != xs("annotation")]
            if len(children) != 1 or children[0].tag != xs("restriction"):
                raise SchemaError("%s: only xsd:restriction simple types are supported" % f.path)
            node = children[0]
        base = node.get("base")
        if base is None:
            raise SchemaError("%s: restriction without base" % f.path)
        base_value = self.value_of(*f.resolve(base))
        return apply_facets(f, node, base_value)

    # -- complex types -----------------------------------------------------------------------

    def complex_type(self, f, node, key):
        mixed = node.get("mixed") == "true"
        content, attributes, value = None, [], None
        derivation = None
        for child in node:
            if child.tag in (xs("annotation"),) or not isinstance(child.tag, str):
                continue
            if child.tag in (xs("sequence"), xs("choice"), xs("all"), xs("group")):
                content = self.particle(f, child, key)
            elif child.tag == xs("attribute"):
                attributes.append(self.attribute(f, child))
            elif child.tag == xs("simpleContent"):
                derivation = self.simple_content(f, child, key)
            elif child.tag == xs("complexContent"):
                derivation = self.complex_content(f, child, key)
            elif child.tag == xs("anyAttribute"):
                raise SchemaError("%s: %s has xsd:anyAttribute (SchemaType cannot express it)" % (f.path, key))
            else:
                raise SchemaError("%s: unsupported %s in %s" % (f.path, child.tag, key))
        if derivation is not None:
            content, attributes, value, base_mixed = derivation
            mixed = mixed or base_mixed
        elif content is None:
            # empty content: no children, no text
            content = ("sequence", [], 1, 1)
        return {"content": content, "attributes": attributes, "value": value, "mixed": mixed}

    def simple_content(self, f, node, key):
        (derivation,) = [c for c in node if c.tag in (xs("extension"), xs("restriction"))]
        base_ns, base_name = f.resolve(derivation.get("base"))
        attributes = []
        if (base_ns, base_name) in self.complex:
            base = self.types[self.type_key(base_ns, base_name)]
            if base["content"] is not None:
                raise SchemaError("%s: simpleContent on element-only base in %s" % (f.path, key))
            attributes = list(base["attributes"])
            value = base["value"]
        else:
            value = self.value_of(base_ns, base_name)
        if derivation.tag == xs("restriction"):
            value = apply_facets(f, derivation, value)
        for child in derivation:
            if child.tag == xs("attribute"):
                attributes = merge_attribute(attributes, self.attribute(f, child))
            elif child.tag == xs("anyAttribute"):
                raise SchemaError("%s: %s has xsd:anyAttribute" % (f.path, key))
        return None, attributes, value, False

    def complex_content(self, f, node, key):
        (derivation,) = [c for c in node if c.tag in (xs("extension"), xs("restriction"))]
        if derivation.tag == xs("restriction"):
            raise SchemaError("%s: complexContent restriction not supported (%s)" % (f.path, key))
        base_key = self.type_key(*f.resolve(derivation.get("base")))
        if base_key is None or base_key in self.in_progress:
            raise SchemaError("%s: %s extends an unavailable or recursive base" % (f.path, key))
        base = self.types[base_key]
        if base["content"] is None:
            raise SchemaError("%s: complexContent extension of a simple-content base (%s)" % (f.path, key))
        own, attributes = None, list(base["attributes"])
        for child in derivation:
            if child.tag in (xs("sequence"), xs("choice"), xs("all"), xs("group")):
                own = self.particle(f, child, key)
            elif child.tag == xs("attribute"):
                attributes = merge_attribute(attributes, self.attribute(f, child))
            elif child.tag == xs("anyAttribute"):
                raise SchemaError("%s: %s has xsd:anyAttribute" % (f.path, key))
        content = base["content"]
        if own is not None:
            # base particles first, then the extension's
            content = own if is_empty(content) else ("sequence", [content, own], 1, 1)
        mixed = base["mixed"] or node.get("mixed") == "true"
        return content, attributes, None, mixed

    def particle(self, f, node, owner):
        low, high = occurs(node)
        if node.tag in (xs("sequence"), xs("choice")):
            kind = "sequence" if node.tag == xs("sequence") else "choice"
            items = [self.particle(f, c, owner) for c in node
                     if isinstance(c.tag, str) and c.tag != xs("annotation")]
            return (kind, items, low, high)
        if node.tag == xs("element"):
            if node.get("ref"):
                ns, name = f.resolve(node.get("ref"))
                if ns in NOT_DESCENDED:
                    return ("element", ns, name, None, low, high)
                if (ns, name) not in self.elements:
                    raise SchemaError("%s: element ref %s not found" % (f.path, node.get("ref")))
                return ("element", ns, name, self.global_element_type(ns, name), low, high)
            name = node.get("name")
            form = node.get("form")
            qualified = f.element_qualified if form is None else form == "qualified"
            ns = f.target if qualified else ""
            type_key = self.element_type(f, node, "%s/%s" % (owner, name))
            return ("element", ns, name, type_key, low, high)
        if node.tag == xs("any"):
            namespace = node.get("namespace", "##any")
            if namespace == "##any":
                other = None
            elif namespace == "##other":
                other = f.target
            else:
                raise SchemaError("%s: xsd:any namespace=%r not expressible" % (f.path, namespace))
            return ("any", other, low, high)
        raise SchemaError("%s: unsupported particle %s in %s" % (f.path, node.tag, owner))

    def attribute(self, f, node):
        use = node.get("use", "optional")
        if use == "prohibited":
            raise SchemaError("%s: prohibited attributes not supported" % f.path)
        if node.get("fixed") is not None:
            raise SchemaError("%s: fixed attribute values not supported" % f.path)
        required = use == "required"
        if node.get("ref"):
            ns, name = f.resolve(node.get("ref"))
            if (ns, name) != (XML, "lang"):
                raise SchemaError("%s: attribute ref %s not supported" % (f.path, node.get("ref")))
            return (q(XML, "lang"), required, ("language",))
        name = node.get("name")
        if f.attribute_qualified or node.get("form") == "qualified":
            name = q(f.target, name)
        if node.get("type"):
            value = self.value_of(*f.resolve(node.get("type")))
        else:
            inline = [c for c in node if c.tag == xs("simpleType")]
            value = self.simple_value(f, inline[0]) if inline else None
        return (name, required, value)


def key_prefix(ns):
    if ns not in KEY_PREFIX:
        raise SchemaError("no key prefix for namespace %s" % ns)
    return KEY_PREFIX[ns]


def simple_type(value):
    return {"content": None, "attributes": [], "value": value, "mixed": False}


def is_empty(particle):
    return particle[0] in ("sequence", "choice") and not particle[1]


def merge_attribute(attributes, attribute):
    return [a for a in attributes if a[0] != attribute[0]] + [attribute]


def apply_facets(f, node, value):
    """Facets of an xsd:restriction applied to the base value kind."""
    enumeration, patterns, min_length = [], [], None
    for facet in node:
        if not isinstance(facet.tag, str) or facet.tag == xs("annotation"):
            continue
        local = facet.tag.split("}")[1]
        if local == "enumeration":
            enumeration.append(facet.get("value"))
        elif local == "pattern":
            patterns.append(facet.get("value"))
        elif local == "minLength":
            min_length = int(facet.get("value"))
        elif local in ("simpleType", "attribute", "anyAttribute"):
            continue
        else:
            raise SchemaError("%s: facet %s not expressible" % (f.path, local))
    if enumeration:
        return ("enumeration", enumeration)
    if patterns:
        if len(patterns) > 1:
            raise SchemaError("%s: several patterns not expressible" % f.path)
        return ("pattern", patterns[0])
    if min_length is not None and min_length > 0:
        if min_length != 1:
            raise SchemaError("%s: minLength %d not expressible" % (f.path, min_length))
        if value == ("string",):
            return ("nonEmptyString",)
        if value in (("anyURI",), ("nonEmptyURI",)):
            return ("nonEmptyURI",)
        if value == ("nonEmptyString",):
            return value
        raise SchemaError("%s: minLength on %r not expressible" % (f.path, value))
    return value


def build(xsd_dir, paths):
    files = []
    for rel in paths:
        path = xsd_dir / rel
        if not path.is_file():
            raise SchemaError("schema %s not found" % path)
        files.append(SchemaFile(str(path)))
    return ModelBuilder(files)


# ---------------------------------------------------------------------------------------------
# V2.1.1 → V2.2.1 differences
# ---------------------------------------------------------------------------------------------

def qname_label(ns, name):
    prefix = KEY_PREFIX.get(ns) or {DS: "ds", XADES: "xades"}.get(ns, "")
    return "%s:%s" % (prefix, name) if prefix else name


def element_particles(particle):
    """(ns, name) → (typeKey, min, max) of the element particles of a content model."""
    found = {}
    if particle is None:
        return found
    if particle[0] == "element":
        found[(particle[1], particle[2])] = (particle[3], particle[4], particle[5])
    elif particle[0] in ("sequence", "choice"):
        for item in particle[1]:
            found.update(element_particles(item))
    return found


def attribute_label(name):
    return "xml:lang" if name == q(XML, "lang") else name


def value_label(value):
    if value is None:
        return "unchecked"
    if value[0] == "enumeration":
        return "one of " + ", ".join(value[1])
    if value[0] == "pattern":
        return "pattern " + value[1]
    return value[0]


def type_label(builder, key):
    return key if key is not None else "not descended"


def compare(old, new):
    """Differences of the old schema (V2.1.1) from the new one (V2.2.1).

    Returns a list of dicts {element, attribute, note}: element is `{namespace}local`,
    attribute is the attribute name the new schema allows and the old one does not (None when
    the difference is not about an attribute)."""
    differences = []
    for key in sorted(set(new.types) - set(old.types)):
        differences.append({"element": None, "attribute": None,
                            "note": "type %s is new in V2.2.1" % key})
    for key in sorted(set(old.types) - set(new.types)):
        differences.append({"element": None, "attribute": None,
                            "note": "type %s of V2.1.1 is gone in V2.2.1" % key})
    for name in sorted(set(new.global_elements) | set(old.global_elements)):
        o, n = old.global_elements.get(name), new.global_elements.get(name)
        if o != n:
            differences.append({"element": name, "attribute": None,
                                "note": "global element: V2.1.1 %s, V2.2.1 %s" % (o, n)})
    for key in sorted(set(old.types) & set(new.types)):
        ot, nt = old.types[key], new.types[key]
        label = key
        if ot["value"] != nt["value"]:
            differences.append({"element": None, "attribute": None,
                                "note": "%s value: V2.1.1 %s, V2.2.1 %s" % (label, value_label(ot["value"]), value_label(nt["value"]))})
        oa = {a[0]: a for a in ot["attributes"]}
        na = {a[0]: a for a in nt["attributes"]}
        for attr in sorted(set(oa) | set(na)):
            if oa.get(attr) != na.get(attr):
                differences.append({"element": None, "attribute": None,
                                    "note": "%s attribute %s: V2.1.1 %s, V2.2.1 %s" % (label, attribute_label(attr), oa.get(attr), na.get(attr))})
        if ot["content"] == nt["content"]:
            continue
        before = len(differences)
        oe, ne = element_particles(ot["content"]), element_particles(nt["content"])
        for qn in sorted(set(oe) | set(ne)):
            element = q(*qn)
            where = "%s in %s" % (qname_label(*qn), key)
            if qn not in oe:
                differences.append({"element": element, "attribute": None,
                                    "note": "%s is new in V2.2.1" % where})
                continue
            if qn not in ne:
                differences.append({"element": element, "attribute": None,
                                    "note": "%s is not allowed in V2.2.1" % where})
                continue
            (otk, omin, omax), (ntk, nmin, nmax) = oe[qn], ne[qn]
            if (omin, omax) != (nmin, nmax):
                differences.append({"element": element, "attribute": None,
                                    "note": "%s occurs %s in V2.1.1, %s in V2.2.1" % (where, bounds(omin, omax), bounds(nmin, nmax))})
            if otk == ntk:
                continue
            oty, nty = old.types.get(otk), new.types.get(ntk)
            if oty is None or nty is None:
                differences.append({"element": element, "attribute": None,
                                    "note": "%s: type %s in V2.1.1, %s in V2.2.1" % (where, type_label(old, otk), type_label(new, ntk))})
                continue
            reported = False
            o_attrs = {a[0]: a for a in oty["attributes"]}
            for attr in nty["attributes"]:
                if attr[0] not in o_attrs:
                    differences.append({
                        "element": element, "attribute": attr[0],
                        "note": "V2.1.1 declares %s as %s, which has no %s attribute; V2.2.1 made it %s with an %s %s attribute (%s)" % (
                            where, otk, attribute_label(attr[0]), ntk,
                            "required" if attr[1] else "optional", attribute_label(attr[0]), value_label(attr[2]))})
                    reported = True
            n_attrs = {a[0] for a in nty["attributes"]}
            for attr in oty["attributes"]:
                if attr[0] not in n_attrs:
                    differences.append({"element": element, "attribute": None,
                                        "note": "%s: V2.1.1 type %s has attribute %s, V2.2.1 type %s has not" % (where, otk, attribute_label(attr[0]), ntk)})
                    reported = True
            if oty["value"] != nty["value"] or oty["content"] != nty["content"] or not reported:
                differences.append({"element": element, "attribute": None,
                                    "note": "%s: type %s in V2.1.1, %s in V2.2.1 (%s → %s)" % (
                                        where, otk, ntk, value_label(oty["value"]), value_label(nty["value"]))})
        if len(differences) == before:
            differences.append({"element": None, "attribute": None,
                                "note": "content model of %s differs" % key})
    return differences


def bounds(low, high):
    return "%d..%s" % (low, "*" if high is None else high)


# ---------------------------------------------------------------------------------------------
# Swift output
# ---------------------------------------------------------------------------------------------

def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def swift_ns(ns):
    if ns == "":
        return '""'
    return "NS." + NS_CONSTANT[ns]


def swift_max(high):
    return "nil" if high is None else str(high)


def swift_value(value):
    if value is None:
        return "nil"
    if value[0] == "enumeration":
        return ".enumeration([%s])" % ", ".join(swift_string(v) for v in value[1])
    if value[0] == "pattern":
        return ".pattern(%s)" % swift_string(value[1])
    return "." + value[0]


def swift_particle(particle, indent):
    pad = " " * indent
    kind = particle[0]
    if kind == "element":
        _, ns, name, type_key, low, high = particle
        return "%s.element(namespace: %s, name: %s, type: %s, min: %d, max: %s)" % (
            pad, swift_ns(ns), swift_string(name), "nil" if type_key is None else swift_string(type_key), low, swift_max(high))
    if kind == "any":
        _, other, low, high = particle
        return "%s.any(otherThan: %s, min: %d, max: %s)" % (
            pad, "nil" if other is None else swift_ns(other), low, swift_max(high))
    _, items, low, high = particle
    if not items:
        return "%s.%s([], min: %d, max: %s)" % (pad, kind, low, swift_max(high))
    lines = ["%s.%s([" % (pad, kind)]
    lines += [swift_particle(item, indent + 4) + "," for item in items]
    lines.append("%s], min: %d, max: %s)" % (pad, low, swift_max(high)))
    return "\n".join(lines)


def swift_type(key, t, indent):
    pad = " " * indent
    args = []
    if t["content"] is not None:
        args.append("content:\n" + swift_particle(t["content"], indent + 8))
    if t["attributes"]:
        attrs = ["%s        SchemaAttribute(name: %s, required: %s, value: %s)," % (
            pad, swift_ns_name(a[0]), "true" if a[1] else "false", swift_value(a[2])) for a in t["attributes"]]
        args.append("attributes: [\n" + "\n".join(attrs) + "\n%s    ]" % pad)
    if t["value"] is not None:
        args.append("value: " + swift_value(t["value"]))
    if t["mixed"]:
        args.append("mixed: true")
    if not args:
        return "%s%s: SchemaType()," % (pad, swift_string(key))
    if len(args) == 1 and "\n" not in args[0]:
        return "%s%s: SchemaType(%s)," % (pad, swift_string(key), args[0])
    body = ",\n".join("%s    %s" % (pad, a) for a in args)
    return "%s%s: SchemaType(\n%s\n%s)," % (pad, swift_string(key), body, pad)


def swift_ns_name(name):
    """A name as a Swift string: `"{\\(NS.tsl)}local"` for qualified names."""
    if name.startswith("{"):
        ns, local = name[1:].split("}")
        return '"{\\(%s)}%s"' % (swift_ns(ns), local)
    return swift_string(name)


def doc_lines(text, width=96):
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = w if not line else line + " " + w
    if line:
        lines.append(line)
    return lines


def swift_file(model, differences):
    out = [
        "// Generated by scripts/tl-schema-model.py from the published ETSI TS 119 612 XML schemas",
        "// (main schema V2.2.1, whose content model V2.4.1 keeps; sie and additionaltypes V2.4.1).",
        "// It records facts only: element and type names, order, cardinalities, attributes and value",
        "// kinds. Do not edit; regenerate with",
        "//     python3 scripts/tl-schema-model.py <folder with ts119612-v2.x.x/>",
        "// and check lists against it with the same script's --check option.",
        "",
        "/// Namespaces of the TS 119 612 schemas.",
        "private enum NS {",
        "    static let tsl = %s" % swift_string(TSL),
        "    static let ecc = %s" % swift_string(ECC),
        "    static let tslx = %s" % swift_string(TSLX),
        "    static let ds = %s" % swift_string(DS),
        "    static let xml = %s" % swift_string(XML),
        "}",
        "",
        "extension SchemaModel {",
        "    /// TS 119 612 trusted lists (TSL versions 5 and 6): the main schema, the sie extensions",
        "    /// (Qualifications) and the additional types (TakenOverBy, ExtendedKeyUsage, …).",
        "    ///",
        "    /// Type keys are `tsl:`, `ecc:` (sie), `tslx:` (additionaltypes) and `xsd:` (built-in simple",
        "    /// types) followed by the schema's type name. Elements of the XMLDSig namespace",
        "    /// (`ds:Signature`, `ds:KeyValue`) and elements of XAdES types have `type: nil`: they are not",
        "    /// descended here, the signature rules check them. `tsl:AnyType` (extension content,",
        "    /// `OtherInformation`, …) is a lax `.any` wildcard, so known global elements under it",
        "    /// (sie `Qualifications`, `TakenOverBy`, …) are validated and unknown ones accepted.",
        "    /// Types with empty content have `content: .sequence([], …)` (no children, no text).",
        "    ///",
    ]
    out += ["    /// " + l for l in doc_lines(
        "V2.1.1 (TSL version 5 lists may follow it) differs from this model as follows; the "
        "element-level differences are in `v211Differences`:")]
    for d in differences:
        out += [("    /// - " if i == 0 else "    ///   ") + l for i, l in enumerate(doc_lines(d["note"], 90))]
    out.append("    static let ts119612: SchemaModel = SchemaModel(")
    out.append("        types: [")
    for key in sorted(model.types):
        out.append(swift_type(key, model.types[key], 12))
    out.append("        ],")
    out.append("        globalElements: [")
    for name in sorted(model.global_elements):
        out.append("            %s: %s," % (swift_ns_name(name), swift_string(model.global_elements[name])))
    out.append("        ]")
    out.append("    )")
    out.append("")
    out.append("    /// Where the V2.1.1 main schema is stricter than V2.2.1 (the model above): a list that is")
    out.append("    /// valid against V2.2.1 and uses `attribute` on `element` is not valid against V2.1.1.")
    out.append("    static let v211Differences: [SchemaVersionDifference] = [")
    for d in differences:
        if d["element"] is None:
            continue        # type-level facts are in the doc comment above; the validator needs elements
        out.append("        SchemaVersionDifference(")
        out.append("            element: %s," % ("nil" if d["element"] is None else swift_ns_name(d["element"])))
        out.append("            attribute: %s," % ("nil" if d["attribute"] is None else swift_ns_name(d["attribute"])))
        out.append("            note: %s" % swift_string(d["note"]))
        out.append("        ),")
    out.append("    ]")
    out.append("}")
    out.append("")
    out.append("/// One difference between two versions of a schema, for messages such as \"valid against")
    out.append("/// V2.2.1 but not V2.1.1 because …\".")
    out.append("struct SchemaVersionDifference: Sendable {")
    out.append("    /// The element concerned, `{namespace}local`; nil for a difference of a type as a whole.")
    out.append("    let element: String?")
    out.append("    /// The attribute the newer version allows on `element` and the older one does not; nil when")
    out.append("    /// the difference is not about an attribute.")
    out.append("    let attribute: String?")
    out.append("    /// What differs, in words.")
    out.append("    let note: String")
    out.append("}")
    text = "\n".join(out) + "\n"
    return "\n".join(l.rstrip() for l in text.split("\n"))


# ---------------------------------------------------------------------------------------------
# --check: a small matcher against the model
# ---------------------------------------------------------------------------------------------

def matches(particle, child):
    if particle[0] == "element":
        return child.tag == q(particle[1], particle[2]) if particle[1] else child.tag == particle[2]
    if particle[0] == "any":
        ns = child.tag[1:].split("}")[0] if child.tag.startswith("{") else ""
        return particle[1] is None or (ns != particle[1] and ns != "")
    return False


def repeat(step, low, high, starts):
    """Positions reached by low..high repetitions of step from starts."""
    result = set(starts) if low == 0 else set()
    current, count = set(starts), 0
    while current:
        count += 1
        if high is not None and count > high:
            break
        reached = set()
        for position in current:
            reached |= step(position)
        if count >= low:
            fresh = reached - result
            result |= reached
            if high is None:
                reached = fresh
        current = reached
    return result


def full(particle, children, position):
    """End positions of complete matches of particle starting at position."""
    kind, low, high = particle[0], particle[-2], particle[-1]
    if kind in ("element", "any"):
        def step(i):
            return {i + 1} if i < len(children) and matches(particle, children[i]) else set()
    elif kind == "sequence":
        def step(i):
            ends = {i}
            for item in particle[1]:
                ends = set().union(*(full(item, children, e) for e in ends)) if ends else set()
            return ends
    else:
        def step(i):
            return set().union(*(full(item, children, i) for item in particle[1])) if particle[1] else {i}
    return repeat(step, low, high, {position})


def prefix(particle, children, position):
    """End positions of matches of a prefix of particle (for locating the first wrong child)."""
    kind, high = particle[0], particle[-1]
    starts = repeat(lambda i: full(particle[:-2] + (1, 1), children, i), 0, high, {position})
    ends = set(starts)
    for s in starts:
        if kind in ("sequence",):
            reach = {s}
            for item in particle[1]:
                for r in reach:
                    ends |= prefix(item, children, r)
                reach = set().union(*(full(item, children, r) for r in reach)) if reach else set()
        elif kind == "choice":
            for item in particle[1]:
                ends |= prefix(item, children, s)
    return ends


def describe(particle):
    kind, low, high = particle[0], particle[-2], particle[-1]
    if kind == "element":
        text = qname_label(particle[1], particle[2]) if particle[1] else particle[2]
    elif kind == "any":
        text = "any" if particle[1] is None else "any(##other)"
    else:
        joiner = ", " if kind == "sequence" else " | "
        text = "(" + joiner.join(describe(p) for p in particle[1]) + ")"
    suffix = {(1, 1): "", (0, 1): "?", (0, None): "*", (1, None): "+"}.get((low, high), "{%d,%s}" % (low, "" if high is None else high))
    return text + suffix


def local_label(tag):
    if tag.startswith("{"):
        ns, local = tag[1:].split("}")
        prefix = KEY_PREFIX.get(ns) or {DS: "ds", XADES: "xades"}.get(ns)
        return "%s:%s" % (prefix, local) if prefix else tag
    return tag


XSD_DATETIME = re.compile(r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
LANGUAGE = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def value_error(value, text):
    collapsed = " ".join(text.split())
    kind = value[0]
    if kind == "string":
        return None
    if kind == "nonEmptyString":
        return None if len(text) >= 1 else "empty string"
    if kind == "anyURI":
        return None
    if kind == "nonEmptyURI":
        return None if collapsed else "empty URI"
    if kind == "dateTime":
        return None if XSD_DATETIME.fullmatch(collapsed) else "not an xsd:dateTime"
    if kind in ("integer", "nonNegativeInteger", "positiveInteger"):
        if not re.fullmatch(r"[+-]?\d+", collapsed):
            return "not an integer"
        number = int(collapsed)
        if kind == "nonNegativeInteger" and number < 0:
            return "negative"
        if kind == "positiveInteger" and number <= 0:
            return "not positive"
        return None
    if kind == "boolean":
        return None if collapsed in ("true", "false", "1", "0") else "not a boolean"
    if kind == "base64Binary":
        try:
            base64.b64decode("".join(text.split()), validate=True)
            return None
        except (binascii.Error, ValueError):
            return "not base64"
    if kind == "language":
        return None if LANGUAGE.fullmatch(collapsed) else "not a language tag"
    if kind == "enumeration":
        return None if collapsed in value[1] else "not one of " + ", ".join(value[1])
    if kind == "pattern":
        return None if re.fullmatch(value[1], text) else "does not match " + value[1]
    return None


class Checker:
    def __init__(self, model):
        self.model = model
        self.errors = []
        self.descended = 0
        self.lax_known = set()
        self.lax_unknown = set()

    def error(self, path, message):
        self.errors.append("%s: %s" % (path, message))

    def check_root(self, root):
        if root.tag not in self.model.global_elements:
            self.error("/" + local_label(root.tag), "root is not a global element of the schemas")
            return
        self.check(root, self.model.global_elements[root.tag], "/" + local_label(root.tag))

    def check(self, element, type_key, path):
        self.descended += 1
        t = self.model.types[type_key]
        declared = {a[0]: a for a in t["attributes"]}
        for name, text in element.attrib.items():
            if name.startswith("{" + XSI + "}"):
                continue
            if name not in declared:
                self.error(path, "attribute %s not declared by %s" % (attribute_label(name), type_key))
            elif declared[name][2] is not None:
                problem = value_error(declared[name][2], text)
                if problem:
                    self.error(path, "attribute %s=%r: %s" % (attribute_label(name), text, problem))
        for name, (_, required, _) in declared.items():
            if required and name not in element.attrib:
                self.error(path, "required attribute %s missing (%s)" % (attribute_label(name), type_key))
        children = list(element)
        if t["content"] is None:
            if children:
                self.error(path, "child elements in simple content (%s)" % type_key)
            if t["value"] is not None:
                problem = value_error(t["value"], element.text or "")
                if problem:
                    self.error(path, "value %r: %s (%s)" % ((element.text or "")[:60], problem, type_key))
            return
        if not t["mixed"]:
            texts = [element.text] + [c.tail for c in children]
            if any(s and s.strip() for s in texts):
                self.error(path, "text in element-only content (%s)" % type_key)
        if len(children) not in full(t["content"], children, 0):
            reached = max(prefix(t["content"], children, 0))
            got = ", ".join(local_label(c.tag) for c in children) or "no children"
            where = ("unexpected %s (child %d)" % (local_label(children[reached].tag), reached + 1)
                     if reached < len(children) else "content ends too early (missing a required child)")
            self.error(path, "%s; %s expects %s; got (%s)" % (where, type_key, describe(t["content"]), got))
        declarations = element_particles(t["content"])
        counter = {}
        for child in children:
            counter[child.tag] = counter.get(child.tag, 0) + 1
            child_path = "%s/%s[%d]" % (path, local_label(child.tag), counter[child.tag])
            key = None
            ns_local = (child.tag[1:].split("}")[0], child.tag.split("}")[1]) if child.tag.startswith("{") else ("", child.tag)
            if ns_local in declarations:
                key = declarations[ns_local][0]
            elif child.tag in self.model.global_elements and has_wildcard(t["content"]):
                key = self.model.global_elements[child.tag]      # lax wildcard, known element
                self.lax_known.add(local_label(child.tag))
            elif has_wildcard(t["content"]):
                self.lax_unknown.add(local_label(child.tag))
            if key is not None:
                self.check(child, key, child_path)


def has_wildcard(particle):
    if particle[0] == "any":
        return True
    if particle[0] in ("sequence", "choice"):
        return any(has_wildcard(p) for p in particle[1])
    return False


def v211_notes(root, differences):
    """For version-5 lists: why a list valid against V2.2.1 is not valid against V2.1.1."""
    version = root.find("{%s}SchemeInformation/{%s}TSLVersionIdentifier" % (TSL, TSL))
    if version is None or (version.text or "").strip() != "5":
        return []
    notes = []
    for d in differences:
        if d["element"] is None or d["attribute"] is None:
            continue
        count = sum(1 for e in root.iter(d["element"]) if d["attribute"] in e.attrib)
        if count:
            notes.append("valid against V2.2.1 but not V2.1.1: %d× %s/@%s — %s" % (
                count, local_label(d["element"]), attribute_label(d["attribute"]), d["note"]))
    return notes


def check_files(model, files, differences):
    failed = 0
    for name in files:
        try:
            root = ET.parse(name).getroot()
        except (ET.ParseError, OSError) as problem:
            print("%s: NOT PARSED (%s)" % (name, problem))
            failed += 1
            continue
        checker = Checker(model)
        checker.check_root(root)
        if checker.errors:
            failed += 1
            print("%s: REJECTED (%d errors)" % (name, len(checker.errors)))
            for e in checker.errors[:20]:
                print("    " + e)
            if len(checker.errors) > 20:
                print("    … %d more" % (len(checker.errors) - 20))
        else:
            print("%s: accepted (%d elements checked; lax known: %s; lax unknown: %s)" % (
                name, checker.descended, ", ".join(sorted(checker.lax_known)) or "-",
                ", ".join(sorted(checker.lax_unknown)) or "-"))
        for note in v211_notes(root, differences):
            print("    " + note)
    return failed


# ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("xsd_dir", type=pathlib.Path, help="folder with ts119612-v2.x.x/ schema folders")
    parser.add_argument("--output", type=pathlib.Path,
                        default=pathlib.Path(__file__).resolve().parent.parent
                        / "Sources/TrustedLists/Structure/SchemaModel+TS119612.swift")
    parser.add_argument("--check", nargs="+", metavar="LIST", help="check trusted lists against the model; writes nothing")
    args = parser.parse_args()
    try:
        model = build(args.xsd_dir, [MAIN, SIE, ADDITIONAL])
        differences = compare(build(args.xsd_dir, [MAIN_V211]), build(args.xsd_dir, [MAIN]))
        if args.check:
            sys.exit(1 if check_files(model, args.check, differences) else 0)
        new = build(args.xsd_dir, [MAIN])
        if (args.xsd_dir / MAIN_V241).is_file():
            v241 = build(args.xsd_dir, [MAIN_V241])
            same = v241.types == new.types and v241.global_elements == new.global_elements
            print("V2.4.1 main schema: %s content model as V2.2.1" % ("same" if same else "NOT the same"))
            if not same:
                for d in compare(new, v241):
                    print("    V2.2.1 → V2.4.1: " + d["note"])
        print("V2.1.1 main schema differs from V2.2.1:")
        for d in differences:
            print("  - %s%s: %s" % (d["element"] or "(type)", "" if d["attribute"] is None else " @" + d["attribute"], d["note"]))
    except SchemaError as problem:
        sys.exit("tl-schema-model: %s" % problem)
    args.output.write_text(swift_file(model, differences), encoding="utf-8")
    print("wrote %s (%d types, %d global elements)" % (args.output, len(model.types), len(model.global_elements)))


if __name__ == "__main__":
    main()
