// What `validate` and `ack` share: the schema directory, the partner
// profiles and the overlays given on the command line, turned into a
// SchemaSource for the SchemaValidator.
//
//   --schemas DIR    schema root (default: EDI_BRIDGE_SCHEMAS, else the shipped schemas/)
//   --partners DIR   partner profiles (default: EDI_BRIDGE_PARTNERS, else none)
//   --partner ID     use this profile for every interchange instead of matching senders
//   --overlay FILE   an implementation-guide overlay for every transaction (repeatable)
//
// Thread-safety: one setup per command run.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>

#include "bridge/cli/args.h"
#include "bridge/partners/partner_directory.h"
#include "bridge/partners/partner_schema_source.h"
#include "parsers/schema/registry.h"

namespace bridge::cli {

// The value options schema_setup reads, for parseArgs.
const std::set<std::string>& schemaValueOptions();

class SchemaSetup {
 public:
  // Loads the partner directory when one is named. On an error (a profile
  // that does not load, an unknown --partner) returns a status whose message
  // lists every problem.
  static core::Result<std::unique_ptr<SchemaSetup>> create(const ParsedArgs& args);

  parsers::schema::SchemaRegistry& registry() { return registry_; }
  partners::PartnerSchemaSource& source() { return *source_; }
  const partners::PartnerDirectory* partners() const { return partners_ ? &*partners_ : nullptr; }

 private:
  explicit SchemaSetup(std::filesystem::path root) : registry_(std::move(root)) {}

  parsers::schema::SchemaRegistry registry_;
  std::optional<partners::PartnerDirectory> partners_;
  std::optional<partners::PartnerSchemaSource> source_;
};

}  // namespace bridge::cli
