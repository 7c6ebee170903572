// PartnerDirectory: the loaded partner profiles, indexed by how partners
// appear in interchange headers.
//
// An inbound interchange is matched by its sender: ISA05/ISA06 for X12, UNB
// S002 (0004 id, 0007 qualifier) for EDIFACT. An interchange matched by no
// profile is still acknowledged, with the defaults of
// docs/partner-profiles.md.
//
// Thread-safety: immutable after build(); lookups may run concurrently.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge/config/yaml_reader.h"
#include "bridge/partners/partner_profile.h"

namespace bridge::partners {

class PartnerDirectory {
 public:
  PartnerDirectory() = default;

  // Indexes `profiles`. Two profiles with the same id, the same ISA
  // qualifier and id, or overlapping UNB ids (the same id with the same
  // qualifier, or with no qualifier on either side) are reported at the later
  // one, naming both files; the result is then nullopt.
  static std::optional<PartnerDirectory> build(std::vector<PartnerProfile> profiles,
                                               config::YamlIssues& issues);

  const std::vector<PartnerProfile>& profiles() const { return profiles_; }
  size_t size() const { return profiles_.size(); }

  // nullptr when nothing matches. Pointers stay valid while the directory, or
  // the one it was moved into, lives.
  const PartnerProfile* findById(std::string_view id) const;
  // ISA05 and ISA06 as they stand in the ISA; trailing padding is ignored.
  const PartnerProfile* findX12(std::string_view qualifier, std::string_view id) const;
  // UNB S002 0004 and 0007 (empty when the interchange has none). A profile
  // entry with a qualifier matches only that qualifier; one without matches
  // any.
  const PartnerProfile* findEdifact(std::string_view id, std::string_view qualifier = {}) const;

 private:
  std::vector<PartnerProfile> profiles_;
  std::map<std::string, size_t, std::less<>> byId_;
  std::map<std::pair<std::string, std::string>, size_t> byX12_;  // (qualifier, id)
  // UNB id -> (qualifier or "" for any, profile index); few entries per id.
  std::map<std::string, std::vector<std::pair<std::string, size_t>>, std::less<>> byEdifact_;
};

}  // namespace bridge::partners
