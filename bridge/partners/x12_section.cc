#include "bridge/partners/x12_section.h"

#include "bridge/partners/checked_values.h"
#include "bridge/partners/separators.h"

namespace bridge::partners {
namespace {

using parsers::ack::FunctionalAck;
using parsers::ack::Ta1Policy;
using parsers::edi::Delimiters;

void readInterchangeIds(config::MapReader& map, X12Profile& out) {
  config::YamlValues& values = map.values();
  const auto entries = readEntryList(map, "x12", "interchange-ids", "{qualifier, id}", true);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string name = itemName("x12", "interchange-ids", i);
    config::MapReader entry(entries[i], name, values);
    if (!entry.valid()) continue;
    auto qualifier = readValue(entry, name, "qualifier", isaQualifierProblem, true);
    auto id = readValue(entry, name, "id", isaIdProblem, true);
    entry.finish();
    if (!qualifier || !id) continue;
    bool repeated = false;
    for (const X12Identity& earlier : out.interchangeIds) {
      if (earlier.qualifier != qualifier->value || earlier.id != id->value) continue;
      values.error(entries[i], name + " repeats " + qualifier->value + "/" + id->value +
                                   " from line " + std::to_string(earlier.at.line) +
                                   "; remove one of them");
      repeated = true;
      break;
    }
    if (!repeated)
      out.interchangeIds.push_back({qualifier->value, id->value, positionOf(entries[i])});
  }
}

void readOurIds(config::MapReader& parent, X12Profile& out) {
  YAML::Node node = parent.get("our-ids");
  if (!node.IsDefined()) return;
  const std::string name = "x12.our-ids";
  config::MapReader map(node, name, parent.values());
  if (!map.valid()) return;
  auto qualifier = readValue(map, name, "qualifier", isaQualifierProblem, false);
  auto id = readValue(map, name, "id", isaIdProblem, false);
  auto application = readValue(map, name, "application-id", gsIdProblem, false);
  map.finish();
  // A qualifier only means something with its id; half an address would
  // leave the other half to the inbound interchange and mix two parties.
  if (map.has("qualifier") != map.has("id")) {
    parent.values().error(node,
                          name + " sets '" + (map.has("id") ? "id" : "qualifier") + "' without '" +
                              (map.has("id") ? "qualifier" : "id") +
                              "'; write both, or neither to answer from the inbound receiver");
    return;
  }
  X12OurIds ours;
  if (qualifier) ours.qualifier = qualifier->value;
  if (id) ours.id = id->value;
  if (application) ours.applicationId = application->value;
  out.ourIds = ours;
}

void readOutbound(config::MapReader& parent, X12Profile& out) {
  YAML::Node node = parent.get("outbound");
  if (!node.IsDefined()) return;
  const std::string name = "x12.outbound";
  config::MapReader map(node, name, parent.values());
  if (!map.valid()) return;
  out.outbound.delimiters =
      readSeparators(map, name,
                     {{"element-separator", &Delimiters::element, true},
                      {"component-separator", &Delimiters::component, true},
                      {"repetition-separator", &Delimiters::repetition, false},
                      {"segment-terminator", &Delimiters::segment, true}});
  if (auto lineBreaks = map.boolean("line-breaks")) out.outbound.lineBreaks = *lineBreaks;
  if (auto usage = map.oneOf("usage", {"production", "test"}))
    out.outbound.usage = *usage == "production" ? Usage::kProduction : Usage::kTest;
  map.finish();
}

}  // namespace

std::optional<X12Profile> readX12Section(const YAML::Node& node, config::YamlValues& values) {
  const size_t before = values.issues().size();
  config::MapReader map(node, "x12", values);
  if (!map.valid()) return std::nullopt;
  X12Profile out;
  readInterchangeIds(map, out);
  for (ListItem& item : readValueList(map, "x12", "application-ids", gsIdProblem, false))
    out.applicationIds.push_back(std::move(item.value));
  for (ListItem& item : readValueList(map, "x12", "versions", x12VersionProblem, false))
    out.versions.push_back(std::move(item.value));
  if (auto ack = map.oneOf("acknowledgement", {"997", "999", "none"})) {
    out.acknowledgement = *ack == "997"   ? FunctionalAck::k997
                          : *ack == "999" ? FunctionalAck::k999
                                          : FunctionalAck::kNone;
  }
  if (auto ta1 = map.oneOf("ta1", {"on-request", "always", "on-error", "never"})) {
    out.ta1 = *ta1 == "on-request" ? Ta1Policy::kOnRequest
              : *ta1 == "always"   ? Ta1Policy::kAlways
              : *ta1 == "on-error" ? Ta1Policy::kOnError
                                   : Ta1Policy::kNever;
  }
  readOurIds(map, out);
  readOutbound(map, out);
  map.finish();
  if (values.issues().size() != before) return std::nullopt;
  return out;
}

}  // namespace bridge::partners
