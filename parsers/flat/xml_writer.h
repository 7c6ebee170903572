// Writing a mapping's JSON record document as an XML document: the inverse of
// xml_reader.h.
//
// The document must be {"<root>": value} with the layout's root name. A value
// is written as an element:
// - a string, number or boolean: the element's text; null: an empty element;
// - an object: "@name" keys are attributes (scalars; null leaves the attribute
//   out), "#text" is the text, and every other key is a child element name
//   whose value is a list of elements (one element each) or a single element;
// - a list directly inside a list is an error.
// Text is escaped (& < > and CR; in attributes also " TAB LF), names must be
// XML names, and characters XML 1.0 cannot carry (control characters other
// than TAB, LF and CR, U+FFFE, U+FFFF) or invalid UTF-8 are errors naming the
// JSON pointer of the value. Nesting deeper than the layout's maxDepth is
// resourceExhausted.
//
// Output is UTF-8 with an XML declaration, children indented by two spaces;
// an element with both text and children is written without indentation
// inside, so no whitespace is added to its text. Attributes, text and
// children follow the document's key order (sorted). On an error the stream
// may hold a partial document: write to a temporary and discard it.
//
// Memory: no copy of the document. Thread-safety: reentrant.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

#include "bridge/core/status.h"
#include "parsers/flat/xml_layout.h"

namespace bridge::parsers::flat {

core::Status writeXml(const nlohmann::json& document, const XmlLayout& layout, std::ostream& out);

}  // namespace bridge::parsers::flat
