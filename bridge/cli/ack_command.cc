// edi-bridge ack: Reader -> EnvelopeValidator -> SchemaValidator ->
// ReportCollector, then the acknowledgements of every interchange, each with
// the options of the partner that sent it, on standard output.
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/input.h"
#include "bridge/cli/schema_setup.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "bridge/partners/acknowledge.h"
#include "parsers/ack/file_control_number_source.h"
#include "parsers/ack/report_collector.h"
#include "parsers/edi/envelope_validator.h"
#include "parsers/schema/schema_validator.h"

namespace bridge::cli {
namespace {

// --counters, else EDI_BRIDGE_COUNTERS, else the XDG state directory.
std::filesystem::path counterFile(const ParsedArgs& args) {
  if (std::string path = args.value("--counters"); !path.empty()) return path;
  if (const char* env = std::getenv("EDI_BRIDGE_COUNTERS"); env != nullptr && *env != '\0') {
    return env;
  }
  std::filesystem::path state;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg != nullptr && *xdg != '\0') {
    state = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    state = std::filesystem::path(home) / ".local" / "state";
  } else {
    state = ".";
  }
  return state / "edi-bridge" / "control-numbers";
}

}  // namespace

int ackCommand(const Args& args, Streams io) {
  std::set<std::string> valueOptions = schemaValueOptions();
  valueOptions.insert("--counters");
  core::Result<ParsedArgs> parsed = parseArgs(args, {"--envelope-only"}, valueOptions);
  if (!parsed) return usageError("ack", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("ack");
    return kExitOk;
  }
  if (parsed->positional.size() != 1) {
    return usageError("ack", "expected exactly one FILE (or - for standard input)", io);
  }
  auto setup = SchemaSetup::create(*parsed);
  if (!setup) {
    io.err << "edi-bridge ack: " << setup.status().message() << "\n";
    return kExitUsage;
  }
  SchemaSetup& schemas = *setup.value();

  EdiInput input(parsed->positional.front(), io.in);
  core::Status status = input.status();
  parsers::ack::ReportCollector collector;
  if (status.isOk()) {
    if (parsed->has("--envelope-only")) {
      parsers::edi::EnvelopeValidator validator(collector);
      status = input.read(validator);
    } else {
      parsers::schema::SchemaValidator schemaValidator(collector, schemas.source());
      parsers::edi::EnvelopeValidator validator(schemaValidator);
      status = input.read(validator);
    }
  }
  if (!status.isOk()) {
    io.err << "edi-bridge ack: " << status.message() << "\n";
    return kExitUsage;
  }

  const std::filesystem::path counters = counterFile(*parsed);
  std::error_code ec;
  if (counters.has_parent_path()) std::filesystem::create_directories(counters.parent_path(), ec);
  parsers::ack::FileControlNumberSource numbers(counters.string());
  parsers::ack::InputReport report = collector.take();
  const bool rejected = partners::inputHasErrors(report);
  status =
      partners::writeInputAcknowledgements(std::move(report), schemas.source(), numbers, io.out);
  if (!status.isOk()) {
    io.err << "edi-bridge ack: " << status.message() << "\n";
    return kExitUsage;
  }
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace bridge::cli
