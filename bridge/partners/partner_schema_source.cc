#include "bridge/partners/partner_schema_source.h"

#include "bridge/config/yaml_reader.h"
#include "parsers/schema/overlay.h"

namespace bridge::partners {

namespace schema = parsers::schema;

PartnerSchemaSource::PartnerSchemaSource(schema::SchemaRegistry& registry,
                                         const PartnerDirectory* partners,
                                         const PartnerProfile* forced,
                                         std::vector<std::filesystem::path> overlays)
    : registry_(registry), partners_(partners), forced_(forced), overlays_(std::move(overlays)) {}

const PartnerProfile* PartnerSchemaSource::partnerFor(parsers::edi::Standard standard,
                                                      std::string_view qualifier,
                                                      std::string_view id) const {
  if (forced_ != nullptr) return forced_;
  if (partners_ == nullptr) return nullptr;
  if (standard == parsers::edi::Standard::kX12) return partners_->findX12(qualifier, id);
  if (standard == parsers::edi::Standard::kEdifact) return partners_->findEdifact(id, qualifier);
  return nullptr;
}

const std::optional<schema::SchemaKey>& PartnerSchemaSource::baseOf(
    const std::filesystem::path& overlay) {
  auto it = bases_.find(overlay);
  if (it != bases_.end()) return it->second;
  config::YamlIssues ignored;  // applyOverlay reports them when the overlay is used
  std::optional<schema::SchemaKey> base;
  if (auto document = config::loadYamlFile(overlay, ignored)) base = schema::overlayBase(*document);
  return bases_.emplace(overlay, std::move(base)).first->second;
}

schema::SchemaResult PartnerSchemaSource::find(const schema::SchemaRequest& request) {
  std::vector<std::filesystem::path> overlays;
  const PartnerProfile* partner =
      partnerFor(request.key.standard, request.senderQualifier, request.senderId);
  if (partner != nullptr) {
    for (const auto& overlay : partner->overlays) {
      const auto& base = baseOf(overlay);
      if (!base || *base == request.key) overlays.push_back(overlay);
    }
  }
  for (const auto& overlay : overlays_) {
    const auto& base = baseOf(overlay);
    if (!base || *base == request.key) overlays.push_back(overlay);
  }
  return registry_.find(request.key, overlays);
}

}  // namespace bridge::partners
