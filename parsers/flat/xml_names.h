// Which strings may be XML element and attribute names, and how places in a
// JSON document are named in messages (JSON pointers), for the XML layout
// loader and writer.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace bridge::parsers::flat {

// A name: a letter, '_' or ':' first, then letters, digits, '-', '.', '_' or
// ':'; any non-ASCII character counts as a letter (XML 1.0 fifth edition
// allows nearly all of them), so "Größe" is a name and "2nd" or "a b" is not.
bool isXmlName(std::string_view name);

// `pointer` with one more reference token, escaped per RFC 6901
// ("/Invoice" + "a/b" -> "/Invoice/a~1b").
std::string appendPointer(const std::string& pointer, std::string_view token);

}  // namespace bridge::parsers::flat
