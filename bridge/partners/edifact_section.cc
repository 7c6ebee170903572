#include "bridge/partners/edifact_section.h"

#include "bridge/partners/checked_values.h"
#include "bridge/partners/separators.h"

namespace bridge::partners {
namespace {

using parsers::ack::ContrlLevel;
using parsers::edi::Delimiters;

void readIds(config::MapReader& map, EdifactProfile& out) {
  config::YamlValues& values = map.values();
  const auto entries = readEntryList(map, "edifact", "ids", "{id, qualifier}", true);
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string name = itemName("edifact", "ids", i);
    config::MapReader entry(entries[i], name, values);
    if (!entry.valid()) continue;
    auto id = readValue(entry, name, "id", edifactIdProblem, true);
    const bool hasQualifier = entry.has("qualifier");
    auto qualifier = readValue(entry, name, "qualifier", edifactQualifierProblem, false);
    entry.finish();
    if (!id || (hasQualifier && !qualifier)) continue;
    const std::string qualifierText = qualifier ? qualifier->value : "";
    bool repeated = false;
    for (const EdifactIdentity& earlier : out.ids) {
      if (earlier.id != id->value || earlier.qualifier != qualifierText) continue;
      values.error(entries[i],
                   name + " repeats '" + id->value + "'" +
                       (qualifierText.empty() ? std::string(" without a qualifier")
                                              : " with qualifier '" + qualifierText + "'") +
                       " from line " + std::to_string(earlier.at.line) + "; remove one of them");
      repeated = true;
      break;
    }
    if (!repeated) out.ids.push_back({id->value, qualifierText, positionOf(entries[i])});
  }
}

void readAcknowledgement(config::MapReader& map, EdifactProfile& out) {
  auto ack = map.oneOf("acknowledgement", {"contrl", "none"});
  auto level = map.oneOf("contrl-level", {"receipt", "interchange", "message"});
  if (ack && *ack == "none") {
    out.contrl = ContrlLevel::kNone;
    // A level with no CONTRL to send is a contradiction; saying so beats
    // guessing which of the two keys the admin meant.
    if (map.has("contrl-level"))
      map.values().error(map.get("contrl-level"),
                         "edifact 'contrl-level' is set but 'acknowledgement' is 'none'; remove "
                         "'contrl-level', or write acknowledgement: contrl");
    return;
  }
  if (level) {
    out.contrl = *level == "receipt"       ? ContrlLevel::kReceipt
                 : *level == "interchange" ? ContrlLevel::kInterchange
                                           : ContrlLevel::kMessage;
  }
}

void readOurIds(config::MapReader& parent, EdifactProfile& out) {
  YAML::Node node = parent.get("our-ids");
  if (!node.IsDefined()) return;
  const std::string name = "edifact.our-ids";
  config::MapReader map(node, name, parent.values());
  if (!map.valid()) return;
  auto id = readValue(map, name, "id", edifactIdProblem, true);
  auto qualifier = readValue(map, name, "qualifier", edifactQualifierProblem, false);
  map.finish();
  if (!id) return;
  out.ourIds = EdifactOurIds{id->value, qualifier ? qualifier->value : ""};
}

void readOutbound(config::MapReader& parent, EdifactProfile& out) {
  YAML::Node node = parent.get("outbound");
  if (!node.IsDefined()) return;
  const std::string name = "edifact.outbound";
  config::MapReader map(node, name, parent.values());
  if (!map.valid()) return;
  config::YamlValues& values = parent.values();
  if (auto syntax = readValue(map, name, "syntax", syntaxIdentifierProblem, false))
    out.outbound.syntax = syntax->value;
  if (auto version = map.unsignedInt("syntax-version", 1, 4))
    out.outbound.syntaxVersion = static_cast<uint8_t>(*version);
  out.outbound.delimiters =
      readSeparators(map, name,
                     {{"component-separator", &Delimiters::component, true},
                      {"element-separator", &Delimiters::element, true},
                      {"decimal-mark", &Delimiters::decimal, true, ".,"},
                      {"release-character", &Delimiters::release, true},
                      {"repetition-separator", &Delimiters::repetition, false},
                      {"segment-terminator", &Delimiters::segment, true}});
  if (auto lineBreaks = map.boolean("line-breaks")) out.outbound.lineBreaks = *lineBreaks;
  map.finish();

  const auto& version = out.outbound.syntaxVersion;
  if (version && *version < 4) {
    const std::string written = std::to_string(*version);
    if (out.outbound.syntax && syntaxNeedsVersion4(*out.outbound.syntax))
      values.error(map.get("syntax"), name + " 'syntax' is '" + *out.outbound.syntax +
                                          "', which exists only from syntax version 4, but "
                                          "'syntax-version' is " +
                                          written + "; write syntax-version: 4, or another syntax");
    if (map.has("repetition-separator"))
      values.error(map.get("repetition-separator"),
                   name + " 'repetition-separator' is set, but 'syntax-version' is " + written +
                       " and repetition separators exist only from syntax version 4; remove it, "
                       "or write syntax-version: 4");
  }
}

}  // namespace

std::optional<EdifactProfile> readEdifactSection(const YAML::Node& node,
                                                 config::YamlValues& values) {
  const size_t before = values.issues().size();
  config::MapReader map(node, "edifact", values);
  if (!map.valid()) return std::nullopt;
  EdifactProfile out;
  readIds(map, out);
  for (ListItem& item : readValueList(map, "edifact", "versions", edifactVersionProblem, false))
    out.versions.push_back(std::move(item.value));
  readAcknowledgement(map, out);
  readOurIds(map, out);
  readOutbound(map, out);
  map.finish();
  if (values.issues().size() != before) return std::nullopt;
  return out;
}

}  // namespace bridge::partners
