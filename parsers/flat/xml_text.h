// Bringing a received XML document to checked UTF-8 before it is parsed, and
// refusing document type declarations.
//
// Encodings: a byte order mark or the first bytes tell UTF-8 from UTF-16 (LE
// or BE); an 8-bit document is read in the encoding its XML declaration names:
// UTF-8 (also when it names none, or US-ASCII), ISO-8859-1 / latin-1, or
// windows-1252. Other encodings, UTF-32 included, are refused by name. Every
// byte is checked while converting, so the parser and the record document only
// ever see valid UTF-8, and a bad byte is reported with its line and column.
//
// DOCTYPE: a document type declaration anywhere outside comments, CDATA
// sections and processing instructions is refused before parsing, so no
// internal or external entity can ever be declared, let alone expanded
// ("billion laughs", external entity disclosure).
//
// Memory: the converted copy (the input itself when it is UTF-8 already).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "bridge/core/status.h"

namespace bridge::parsers::flat {

// `bytes` as UTF-8 without a byte order mark; `sourceName` names the document
// in messages.
core::Result<std::string> xmlTextToUtf8(std::string bytes, std::string_view sourceName);

// invalidArgument naming the place of a DOCTYPE declaration in UTF-8 `text`,
// or ok.
core::Status refuseDoctype(std::string_view text, std::string_view sourceName);

}  // namespace bridge::parsers::flat
