// Implementation-guide overlays (docs/schema-format.md, "Overlay"): loading
// an overlay file and applying its rules to a TransactionSchema.
//
// Overlays only tighten. A rule that would loosen the schema it is applied
// to (forbid a mandatory segment, allow a code the base does not, raise a
// maximum, widen a length) is refused with the file:line:column of the rule.
//
// The base schema is never modified: the result is a copy of its structure
// in which each segment an element rule touches gets its own SegmentDef
// (and its own copy of a composite a component rule touches); everything
// else is shared with the base.
//
// Thread-safety: reentrant; the base may be shared between threads.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "bridge/config/yaml_reader.h"
#include "parsers/schema/dictionary_loader.h"
#include "parsers/schema/schema.h"
#include "parsers/schema/schema_key.h"

namespace bridge::parsers::schema {

// Applies the overlay file at `path` to `base`. Returns the tightened copy,
// complete only when no issue was added; nullptr when the overlay's header
// is unusable.
std::shared_ptr<const TransactionSchema> applyOverlay(const TransactionSchema& base,
                                                      const std::filesystem::path& path,
                                                      config::YamlIssues& issues,
                                                      const YamlSource& source = diskYamlSource());

// The same for an overlay document already parsed from `path`.
std::shared_ptr<const TransactionSchema> applyOverlay(const TransactionSchema& base,
                                                      const YAML::Node& document,
                                                      const std::filesystem::path& path,
                                                      config::YamlIssues& issues);

// The schema an overlay document names as its `base`, or nullopt when it
// names none usable (applyOverlay reports why).
std::optional<SchemaKey> overlayBase(const YAML::Node& document);

}  // namespace bridge::parsers::schema
