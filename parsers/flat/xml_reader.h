// Reading XML documents into the JSON record document of a mapping.
//
// The conversion: an element becomes a JSON object with its attributes as
// "@name": "value", its text as "#text" (the text of all its text and CDATA
// pieces, joined), and its child elements grouped by name, each group ALWAYS a
// JSON array, even for a single child. An element with only text (or nothing)
// and no attributes or children becomes a plain string. The document is
// {"<root name>": {...}}:
//
//   <Invoice id="7"><Line>A</Line><Line qty="2">B</Line></Invoice>
//   -> {"Invoice": {"@id": "7", "Line": ["A", {"@qty": "2", "#text": "B"}]}}
//
// Whitespace-only text (indentation) is not kept; other text is kept as is,
// its surrounding spaces included. Comments and processing instructions are
// dropped. Names keep their namespace prefixes ("ns:Invoice"), and xmlns
// declarations are attributes like any other. The order of differently named
// children is not kept: JSON objects here have sorted keys.
//
// Safety: the input is read only up to maxBytes (more is resourceExhausted),
// converted to checked UTF-8 and refused if it has a DOCTYPE (xml_text.h),
// then parsed by pugixml without DTD processing; nesting deeper than maxDepth
// is resourceExhausted. Malformed XML is reported with pugixml's description
// at its line:column.
//
// Memory: the document text, its converted copy when not UTF-8, pugixml's
// DOM and the JSON result: a few times maxBytes at most.
// Thread-safety: reentrant.
#pragma once

#include <istream>
#include <nlohmann/json.hpp>
#include <string_view>

#include "bridge/core/status.h"
#include "parsers/flat/xml_layout.h"

namespace bridge::parsers::flat {

core::Result<nlohmann::json> readXml(std::istream& in, const XmlLayout& layout,
                                     std::string_view sourceName);

}  // namespace bridge::parsers::flat
