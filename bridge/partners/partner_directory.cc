#include "bridge/partners/partner_directory.h"

namespace bridge::partners {
namespace {

std::string_view trimRight(std::string_view text) {
  const size_t end = text.find_last_not_of(' ');
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

std::string place(const PartnerProfile& profile, const SourcePosition& at) {
  return profile.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

void conflict(config::YamlIssues& issues, const PartnerProfile& later, const SourcePosition& at,
              const std::string& message) {
  issues.add({later.file, at.line, at.column, message});
}

std::string edifactName(const EdifactIdentity& identity) {
  return "'" + identity.id + "'" +
         (identity.qualifier.empty() ? " (any qualifier)"
                                     : " with qualifier '" + identity.qualifier + "'");
}

}  // namespace

std::optional<PartnerDirectory> PartnerDirectory::build(std::vector<PartnerProfile> profiles,
                                                        config::YamlIssues& issues) {
  const size_t before = issues.size();
  PartnerDirectory out;
  out.profiles_ = std::move(profiles);
  for (size_t index = 0; index < out.profiles_.size(); ++index) {
    const PartnerProfile& profile = out.profiles_[index];
    auto [idIt, newId] = out.byId_.emplace(profile.id, index);
    if (!newId) {
      const PartnerProfile& first = out.profiles_[idIt->second];
      conflict(issues, profile, profile.idAt,
               "partner id '" + profile.id + "' is already used by " + place(first, first.idAt) +
                   "; give each partner its own id");
    }
    if (profile.x12) {
      for (const X12Identity& identity : profile.x12->interchangeIds) {
        auto [it, added] = out.byX12_.emplace(std::pair(identity.qualifier, identity.id), index);
        if (added || it->second == index) continue;
        const PartnerProfile& first = out.profiles_[it->second];
        SourcePosition firstAt;
        for (const X12Identity& other : first.x12->interchangeIds) {
          if (other.qualifier == identity.qualifier && other.id == identity.id) firstAt = other.at;
        }
        conflict(issues, profile, identity.at,
                 "x12 interchange id " + identity.qualifier + "/" + identity.id +
                     " is already claimed by partner '" + first.id + "' at " +
                     place(first, firstAt) +
                     "; an ISA sender must lead to one partner: remove it from one of the files");
      }
    }
    if (profile.edifact) {
      for (const EdifactIdentity& identity : profile.edifact->ids) {
        auto& claims = out.byEdifact_[identity.id];
        bool clash = false;
        for (const auto& [qualifier, owner] : claims) {
          if (owner == index) continue;
          if (!qualifier.empty() && !identity.qualifier.empty() && qualifier != identity.qualifier)
            continue;
          const PartnerProfile& first = out.profiles_[owner];
          for (const EdifactIdentity& other : first.edifact->ids) {
            if (other.id != identity.id || other.qualifier != qualifier) continue;
            conflict(issues, profile, identity.at,
                     "edifact id " + edifactName(identity) + " overlaps " + edifactName(other) +
                         " of partner '" + first.id + "' at " + place(first, other.at) +
                         "; a UNB sender must lead to one partner: remove one of them, or give "
                         "both a qualifier");
            break;
          }
          clash = true;
          break;
        }
        if (!clash) claims.emplace_back(identity.qualifier, index);
      }
    }
  }
  if (issues.size() != before) return std::nullopt;
  return out;
}

const PartnerProfile* PartnerDirectory::findById(std::string_view id) const {
  auto it = byId_.find(id);
  return it == byId_.end() ? nullptr : &profiles_[it->second];
}

const PartnerProfile* PartnerDirectory::findX12(std::string_view qualifier,
                                                std::string_view id) const {
  auto it = byX12_.find(std::pair(std::string(trimRight(qualifier)), std::string(trimRight(id))));
  return it == byX12_.end() ? nullptr : &profiles_[it->second];
}

const PartnerProfile* PartnerDirectory::findEdifact(std::string_view id,
                                                    std::string_view qualifier) const {
  auto it = byEdifact_.find(id);
  if (it == byEdifact_.end()) return nullptr;
  for (const auto& [wanted, index] : it->second) {
    if (wanted.empty() || wanted == qualifier) return &profiles_[index];
  }
  return nullptr;
}

}  // namespace bridge::partners
