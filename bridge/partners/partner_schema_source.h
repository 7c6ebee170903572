// PartnerSchemaSource: picks the schema for each transaction with the
// implementation-guide overlays of the partner that sent it.
//
// The partner is the one named on the command line (`--partner`), or else
// the profile whose identity matches the interchange sender (ISA05/06, UNB
// S002). Of the partner's overlays, those whose `base` is the transaction's
// schema apply, followed by any overlays given for every transaction.
//
// Thread-safety: not thread-safe (caches the overlays' bases); one per
// reading thread. The registry may be shared.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "bridge/partners/partner_directory.h"
#include "parsers/schema/schema_validator.h"

namespace bridge::partners {

class PartnerSchemaSource : public parsers::schema::SchemaSource {
 public:
  // REQUIRES: registry, partners and forced outlive the source. `partners`
  // and `forced` may be null.
  PartnerSchemaSource(parsers::schema::SchemaRegistry& registry, const PartnerDirectory* partners,
                      const PartnerProfile* forced,
                      std::vector<std::filesystem::path> overlays = {});

  parsers::schema::SchemaResult find(const parsers::schema::SchemaRequest& request) override;

  // The profile that applies to an interchange from this sender, or null.
  const PartnerProfile* partnerFor(parsers::edi::Standard standard, std::string_view qualifier,
                                   std::string_view id) const;

 private:
  // The schema an overlay file tightens; nullopt when the file cannot say
  // (the overlay is then applied, and applying it reports the problem).
  const std::optional<parsers::schema::SchemaKey>& baseOf(const std::filesystem::path& overlay);

  parsers::schema::SchemaRegistry& registry_;
  const PartnerDirectory* partners_;
  const PartnerProfile* forced_;
  std::vector<std::filesystem::path> overlays_;
  std::map<std::filesystem::path, std::optional<parsers::schema::SchemaKey>> bases_;
};

}  // namespace bridge::partners
