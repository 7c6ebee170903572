#include "bridge/partners/partner_loader.h"

#include <algorithm>
#include <system_error>
#include <vector>

#include "bridge/partners/checked_values.h"
#include "bridge/partners/edifact_section.h"
#include "bridge/partners/x12_section.h"

namespace bridge::partners {
namespace {

namespace fs = std::filesystem;

Problem nameProblem(std::string_view what, std::string_view value) {
  if (value.find_first_not_of(' ') != std::string_view::npos) return std::nullopt;
  return std::string(what) +
         " is blank; write the partner's name, or leave the key out to use the id";
}

void readId(config::MapReader& map, const fs::path& path, PartnerProfile& out) {
  auto id = readValue(map, "partner profile", "id", partnerIdProblem, true);
  if (!id) return;
  out.id = id->value;
  out.idAt = positionOf(id->node);
  const std::string expected = id->value + ".yaml";
  if (path.filename().string() != expected)
    map.values().error(id->node, "partner profile 'id' is '" + id->value + "', but the file is " +
                                     "named '" + path.filename().string() +
                                     "'; the id and the file name must agree: rename the file "
                                     "to '" +
                                     expected + "', or change the id");
}

void readOverlays(config::MapReader& map, const fs::path& path, PartnerProfile& out) {
  YAML::Node list = map.get("overlays");
  if (!list.IsDefined()) return;
  config::YamlValues& values = map.values();
  if (!values.stringList(list, "partner profile 'overlays'")) return;
  const fs::path base = fs::absolute(path).parent_path();
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string name = "overlays[" + std::to_string(i + 1) + "]";
    const std::string& written = list[i].Scalar();
    if (written.find_first_not_of(' ') == std::string::npos) {
      values.error(list[i], name +
                                " is blank; write the path of an overlay schema file, "
                                "relative to the profile's directory");
      continue;
    }
    const fs::path resolved = (base / fs::path(written)).lexically_normal();
    std::error_code ec;
    const fs::file_status status = fs::status(resolved, ec);
    if (!fs::exists(status)) {
      values.error(list[i], name + " '" + written + "' does not exist (looked for " +
                                resolved.string() + "); write a path relative to " + base.string() +
                                ", or add the file");
      continue;
    }
    if (!fs::is_regular_file(status)) {
      values.error(list[i], name + " '" + written + "' is not a file (" + resolved.string() +
                                "); name the overlay schema file itself");
      continue;
    }
    if (std::find(out.overlays.begin(), out.overlays.end(), resolved) != out.overlays.end()) {
      values.error(list[i], name + " '" + written + "' names " + resolved.string() +
                                " again; remove one of them");
      continue;
    }
    out.overlays.push_back(resolved);
  }
}

void readDeadline(config::MapReader& map, PartnerProfile& out) {
  YAML::Node node = map.get("ack-deadline");
  if (!node.IsDefined()) return;
  const std::string name = "partner profile 'ack-deadline'";
  auto text = map.values().string(node, name);
  if (!text) return;
  DeadlineParse parsed = parseAckDeadline(name, *text);
  if (parsed.problem) {
    map.values().error(node, *parsed.problem);
    return;
  }
  out.ackDeadline = parsed.value;
}

std::optional<PartnerProfile> readProfile(const YAML::Node& root, const fs::path& path,
                                          config::YamlIssues& issues) {
  const size_t before = issues.size();
  config::YamlValues values(path.string(), issues);
  config::MapReader map(root, "partner profile", values);
  if (!map.valid()) return std::nullopt;
  PartnerProfile out;
  out.file = path.string();
  map.oneOf("format", {kPartnerFormat}, true);
  readId(map, path, out);
  if (auto name = readValue(map, "partner profile", "name", nameProblem, false))
    out.name = name->value;
  else
    out.name = out.id;
  const bool hasX12 = map.has("x12");
  const bool hasEdifact = map.has("edifact");
  if (hasX12) out.x12 = readX12Section(map.get("x12"), values);
  if (hasEdifact) out.edifact = readEdifactSection(map.get("edifact"), values);
  if (!hasX12 && !hasEdifact)
    values.error(root,
                 "partner profile has neither 'x12' nor 'edifact'; add the section of "
                 "each standard the partner sends");
  readOverlays(map, path, out);
  readDeadline(map, out);
  map.finish();
  if (issues.size() != before) return std::nullopt;
  return out;
}

}  // namespace

std::optional<PartnerProfile> loadPartnerProfile(const fs::path& path, config::YamlIssues& issues) {
  std::optional<YAML::Node> root = config::loadYamlFile(path, issues);
  if (!root) return std::nullopt;
  return readProfile(*root, path, issues);
}

std::optional<PartnerProfile> loadPartnerProfileText(std::string_view text, const fs::path& path,
                                                     config::YamlIssues& issues) {
  std::optional<YAML::Node> root = config::loadYamlText(text, path.string(), issues);
  if (!root) return std::nullopt;
  return readProfile(*root, path, issues);
}

std::optional<PartnerDirectory> loadPartnerDirectory(const fs::path& dir,
                                                     config::YamlIssues& issues) {
  const size_t before = issues.size();
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".yaml") continue;
    std::error_code typeError;
    if (!it->is_regular_file(typeError)) continue;
    files.push_back(it->path());
  }
  if (ec) {
    issues.add({dir.string(), 0, 0,
                "cannot read the partner directory: " + ec.message() +
                    "; point the configuration at the directory that holds the <id>.yaml files"});
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  std::vector<PartnerProfile> profiles;
  for (const fs::path& file : files) {
    if (auto profile = loadPartnerProfile(file, issues)) profiles.push_back(std::move(*profile));
  }
  // Conflicts among the files that did load are reported too, so that one run
  // shows every problem.
  std::optional<PartnerDirectory> directory = PartnerDirectory::build(std::move(profiles), issues);
  if (issues.size() != before) return std::nullopt;
  return directory;
}

}  // namespace bridge::partners
