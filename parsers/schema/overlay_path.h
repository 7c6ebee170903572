// Finding the structure entry an overlay rule names: a path of loop ids and
// segment tags from the top of the structure, separated by '/', where '#2'
// picks the second entry with the same id at one level ("N1/PER", "REF#2").
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

// The entry `path` names under `root`, or nullptr with `error` saying which
// step failed and what that level holds.
StructureNode* findStructurePath(StructureNode& root, std::string_view path, std::string& error);

}  // namespace bridge::parsers::schema
