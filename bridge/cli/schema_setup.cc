#include "bridge/cli/schema_setup.h"

#include <cstdlib>

#include "bridge/partners/partner_loader.h"

namespace bridge::cli {
namespace {

std::string fromEnvironment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

}  // namespace

const std::set<std::string>& schemaValueOptions() {
  static const std::set<std::string> options = {"--schemas", "--partners", "--partner",
                                                "--overlay"};
  return options;
}

core::Result<std::unique_ptr<SchemaSetup>> SchemaSetup::create(const ParsedArgs& args) {
  std::filesystem::path root = args.value("--schemas");
  if (root.empty()) root = parsers::schema::SchemaRegistry::defaultRoot();
  std::unique_ptr<SchemaSetup> setup(new SchemaSetup(root));

  std::string partnerDir = args.value("--partners");
  if (partnerDir.empty()) partnerDir = fromEnvironment("EDI_BRIDGE_PARTNERS");
  const std::string partnerId = args.value("--partner");
  if (!partnerDir.empty()) {
    config::YamlIssues issues;
    setup->partners_ = partners::loadPartnerDirectory(partnerDir, issues);
    if (!setup->partners_ || !issues.empty()) {
      std::string text = issues.describe();
      if (!text.empty() && text.back() == '\n') text.pop_back();
      return core::Status::invalidArgument("the partner profiles in " + partnerDir +
                                           " do not load:\n" + text);
    }
  }
  const partners::PartnerProfile* forced = nullptr;
  if (!partnerId.empty()) {
    if (!setup->partners_) {
      return core::Status::invalidArgument("--partner " + partnerId +
                                           " needs --partners DIR (or EDI_BRIDGE_PARTNERS) to "
                                           "find the profile");
    }
    forced = setup->partners_->findById(partnerId);
    if (forced == nullptr) {
      return core::Status::invalidArgument("no partner profile '" + partnerId + "' in " +
                                           partnerDir);
    }
  }
  std::vector<std::filesystem::path> overlays;
  for (const std::string& overlay : args.all("--overlay")) overlays.emplace_back(overlay);
  setup->source_.emplace(setup->registry_, setup->partners(), forced, std::move(overlays));
  return setup;
}

}  // namespace bridge::cli
