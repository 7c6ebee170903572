// The declared shape of bridge.yaml: every block (section), every key with
// its type, default, rule, description and an example value. The loader
// (bridge_config.cc) reads keys only through these declarations, and
// configurationReference() turns them into docs/configuration.md, so the
// documentation cannot list a key the loader does not take, or the reverse.
//
// Defaults are written from the initialisers of the structs in
// bridge_config.h, so the documented default is the one in force.
//
// Thread-safety: the spec is built once (function-local static) and is
// immutable afterwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bridge::config {

enum class ValueType {
  kMapping,           // a block of keys, described in its own section
  kMappingList,       // a list of blocks (sources, targets, routes)
  kString,            // any single value
  kName,              // [A-Za-z0-9._-]+
  kPartnerId,         // the id of a partner profile
  kChoice,            // one of KeySpec::choices
  kPath,              // absolute, or relative to the configuration file's directory
  kDuration,          // "250ms", "5s", "10m", "2h", "30d"
  kSize,              // "512", "64KiB", "10MiB", "1GiB"
  kCount,             // a whole number
  kGlobList,          // a list of file-name patterns
  kNameList,          // a list of names
  kFileName,          // one path component
  kTemplate,          // a relative file name with {field}s
  kPartnerTemplates,  // partner -> kTemplate
  kPartnerTargets,    // partner -> target name
  kPartnerDurations,  // partner -> kDuration
};

// "duration", "list of globs", ...: how the reference names a type.
std::string_view valueTypeName(ValueType type);
// One sentence on how values of the type are written.
std::string_view valueTypeDescription(ValueType type);

// A field a file name template may use, and what it is replaced with.
struct TemplateField {
  std::string_view name;  // "partner" for {partner}
  std::string_view meaning;
};

// Every field, in the order the reference lists them.
const std::vector<TemplateField>& templateFields();

struct KeySpec {
  std::string name;
  ValueType type = ValueType::kString;
  bool required = false;
  // As written in bridge.yaml; "" when there is none (or the default is
  // described in `defaultNote`).
  std::string defaultValue;
  std::string defaultNote;  // "none", "the installed schemas", ...
  std::string description;
  std::string example;  // a value as written in bridge.yaml; "" for blocks
  // kCount: the range; kDuration (milliseconds) and kSize (bytes): the
  // smallest value taken (max is not checked for them).
  uint64_t min = 0;
  uint64_t max = 0;
  std::vector<std::string> choices;  // kChoice
  // Conditions beyond the type and range, in words ("at least retry_initial").
  std::string rule;
  // kMapping and kMappingList: the id of the section describing the entries.
  std::string section;
};

struct SectionSpec {
  std::string id;       // "spool", "targets.folder": what KeySpec::section names
  std::string heading;  // "`spool`", "`targets` of type `folder`"
  std::string description;
  std::vector<KeySpec> keys;
  // The YAML that leads to the keys of this section in an example, and the
  // indentation of its keys. An opening that ends in "- " puts the first key
  // on its line (a list entry).
  std::string exampleOpening;
  std::string exampleIndent;
};

// Every section, in the order of the reference: the top level first.
const std::vector<SectionSpec>& configSpec();

// REQUIRES: `id` is a section of configSpec() (std::out_of_range otherwise).
const SectionSpec& sectionSpec(std::string_view id);

// nullptr when the section has no such key.
const KeySpec* findKey(const SectionSpec& section, std::string_view name);

// The range and rule of `key` in words ("from 1 to 10000; at least
// retry_initial"); "" when any value of its type is taken.
std::string describeRule(const KeySpec& key);

// The section's example: its opening and every key with an example.
std::string sectionExample(const SectionSpec& section);

}  // namespace bridge::config
