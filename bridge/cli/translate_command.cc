// edi-bridge translate: runs one mapping on one file and prints what it
// produces, the canonical JSON of each document, or the EDI / CSV of an
// outbound mapping. Nothing is delivered; this is how a mapping is tried
// on a real file before it goes live.
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "bridge/cli/args.h"
#include "bridge/cli/mapping_setup.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/core/clock.h"
#include "bridge/partners/partner_loader.h"
#include "mappings/engine/translator.h"
#include "parsers/ack/file_control_number_source.h"

namespace bridge::cli {
namespace {

namespace fs = std::filesystem;
constexpr uint64_t kMaxInputBytes = 256ull << 20;

core::Result<std::string> readInput(const std::string& file, std::istream& stdinStream) {
  std::stringstream buffer;
  if (file == "-") {
    buffer << stdinStream.rdbuf();
  } else {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    if (error) return core::Status::notFound("cannot read '" + file + "': " + error.message());
    if (size > kMaxInputBytes) {
      return core::Status::resourceExhausted("'" + file + "' is larger than 256 MiB");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return core::Status::notFound("cannot open '" + file + "'");
    buffer << in.rdbuf();
  }
  return buffer.str();
}

// A mapping named by file (compiled alone) or by name (from the directory).
core::Result<std::shared_ptr<const mappings::Mapping>> findMapping(const std::string& wanted,
                                                                   MappingSetup& setup) {
  config::YamlIssues issues;
  std::error_code error;
  if (fs::is_regular_file(wanted, error)) {
    auto mapping = mappings::compileMapping(wanted, setup.compileContext(), issues);
    if (mapping == nullptr) return core::Status::invalidArgument(issues.describe());
    return mapping;
  }
  auto set = mappings::loadMappingSet(setup.mappingDirectory, setup.compileContext(), issues);
  if (set == nullptr) return core::Status::invalidArgument(issues.describe());
  auto found = set->mappings.find(wanted);
  if (found == set->mappings.end()) {
    std::string names;
    for (const auto& [name, mapping] : set->mappings) names += "\n  " + name;
    return core::Status::notFound("no mapping named '" + wanted + "' in " +
                                  setup.mappingDirectory.string() + "; the mappings are:" + names);
  }
  return found->second;
}

}  // namespace

int translateCommand(const Args& args, Streams io) {
  std::set<std::string> options = mappingValueOptions();
  options.insert({"--mapping", "--partner", "--partners", "--counters"});
  auto parsed = parseArgs(args, {"--json"}, options);
  if (!parsed) return usageError("translate", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("translate");
    return kExitOk;
  }
  if (parsed->positional.size() != 1)
    return usageError("translate", "expected one FILE (or - for standard input)", io);
  if (parsed->value("--mapping").empty())
    return usageError("translate", "--mapping is required", io);

  auto setup = MappingSetup::create(*parsed);
  if (!setup) {
    io.err << "edi-bridge translate: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  auto mapping = findMapping(parsed->value("--mapping"), **setup);
  if (!mapping) {
    io.err << "edi-bridge translate: " << mapping.status().message() << "\n";
    return kExitUsage;
  }
  auto input = readInput(parsed->positional[0], io.in);
  if (!input) {
    io.err << "edi-bridge translate: " << input.status().message() << "\n";
    return kExitUsage;
  }

  mappings::TranslationContext context;
  context.contracts = (*setup)->contracts ? &*(*setup)->contracts : nullptr;
  context.schemas = (*setup)->schemas.get();
  mappings::FixedOutbound fixed = mappings::fixedOutbound(**mapping);
  mappings::SequentialNumbers memoryNumbers;
  std::optional<parsers::ack::FileControlNumberSource> fileNumbers;
  std::optional<mappings::OutboundEnvelope> envelope;
  if ((*mapping)->target.isEdi()) {
    if (!parsed->value("--counters").empty()) fileNumbers.emplace(parsed->value("--counters"));
    context.numbers = fileNumbers ? static_cast<parsers::ack::ControlNumberSource*>(&*fileNumbers)
                                  : &memoryNumbers;
    const std::time_t now = static_cast<std::time_t>(core::systemClockMs() / 1000);
    gmtime_r(&now, &context.now);
    if (parsed->value("--partner").empty()) {
      context.envelope = &fixed.envelope;
      io.err << "edi-bridge translate: no --partner given; the envelope uses the example ids "
                "ZZ/EDIBRIDGE and ZZ/PARTNER\n";
    } else {
      config::YamlIssues issues;
      const std::string dir = parsed->value("--partners");
      if (dir.empty()) return usageError("translate", "--partner needs --partners DIR", io);
      auto directory = partners::loadPartnerDirectory(dir, issues);
      if (!directory || !issues.empty()) {
        io.err << "edi-bridge translate: " << issues.describe();
        return kExitUsage;
      }
      const partners::PartnerProfile* profile = directory->findById(parsed->value("--partner"));
      if (profile == nullptr) {
        io.err << "edi-bridge translate: no partner '" << parsed->value("--partner") << "' in "
               << dir << "\n";
        return kExitUsage;
      }
      auto built = mappings::envelopeFor(*profile, fixed.envelope.standard);
      if (!built) {
        io.err << "edi-bridge translate: " << built.status().message() << "\n";
        return kExitUsage;
      }
      envelope = std::move(*built);
      context.envelope = &*envelope;
    }
  }

  auto translations = mappings::translateInput(**mapping, *input, parsed->positional[0], context);
  if (!translations) {
    io.err << "edi-bridge translate: " << translations.status().message() << "\n";
    return kExitRejected;
  }
  bool allOk = true;
  nlohmann::json report = nlohmann::json::array();
  for (const auto& translation : *translations) {
    allOk = allOk && translation.ok();
    if (parsed->has("--json")) {
      nlohmann::json entry = {{"document", translation.label},
                              {"ok", translation.ok()},
                              {"problems", translation.problems}};
      if (translation.ok()) {
        if ((*mapping)->target.kind == mappings::DocumentKind::kContract) {
          entry["output"] = translation.document;
        } else {
          entry["output"] = translation.output;
        }
      }
      report.push_back(std::move(entry));
      continue;
    }
    if (translation.ok()) {
      io.out << translation.output;
    } else {
      io.err << parsed->positional[0] << ": " << translation.label << " was not translated:\n";
      for (const auto& problem : translation.problems) io.err << "  " << problem << "\n";
    }
  }
  if (parsed->has("--json")) {
    io.out << nlohmann::json{{"mapping", (*mapping)->name},
                             {"version", (*mapping)->version},
                             {"hash", (*mapping)->hash},
                             {"documents", report}}
                  .dump(2)
           << "\n";
  }
  return allOk ? kExitOk : kExitRejected;
}

}  // namespace bridge::cli
