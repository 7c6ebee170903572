// edi-bridge validate: Reader -> EnvelopeValidator -> SchemaValidator ->
// findings on standard output, for every file named.
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/finding_output.h"
#include "bridge/cli/input.h"
#include "bridge/cli/schema_setup.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "parsers/edi/envelope_validator.h"
#include "parsers/schema/schema_validator.h"

namespace bridge::cli {

int validateCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed =
      parseArgs(args, {"--json", "--envelope-only"}, schemaValueOptions());
  if (!parsed) return usageError("validate", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("validate");
    return kExitOk;
  }
  if (parsed->positional.empty()) {
    return usageError("validate", "expected at least one FILE (or - for standard input)", io);
  }

  const bool envelopeOnly = parsed->has("--envelope-only");
  std::unique_ptr<SchemaSetup> schemas;
  if (!envelopeOnly) {
    auto setup = SchemaSetup::create(*parsed);
    if (!setup) {
      io.err << "edi-bridge validate: " << setup.status().message() << "\n";
      return kExitUsage;
    }
    schemas = std::move(setup.value());
  }

  FindingWriter findings(io.out, parsed->has("--json"));
  int exitCode = kExitOk;
  for (const std::string& path : parsed->positional) {
    EdiInput input(path, io.in);
    core::Status status = input.status();
    if (status.isOk()) {
      parsers::edi::EventHandler discard;
      FindingReporter reporter(discard, findings, input.name());
      if (envelopeOnly) {
        parsers::edi::EnvelopeValidator validator(reporter);
        status = input.read(validator);
      } else {
        parsers::schema::SchemaValidator schemaValidator(reporter, schemas->source());
        parsers::edi::EnvelopeValidator validator(schemaValidator);
        status = input.read(validator);
      }
      if (reporter.errors() > 0 && exitCode == kExitOk) exitCode = kExitRejected;
    }
    if (!status.isOk()) {
      io.err << "edi-bridge validate: " << status.message() << "\n";
      exitCode = kExitUsage;
    }
  }
  findings.finish();
  return exitCode;
}

}  // namespace bridge::cli
