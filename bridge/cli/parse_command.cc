// edi-bridge parse: EDI -> parse-v1 JSON on standard output, the reader's
// findings on standard error.
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/finding_output.h"
#include "bridge/cli/input.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "parsers/edi/json_codec.h"

namespace bridge::cli {

int parseCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed = parseArgs(args, {"--pretty"});
  if (!parsed) return usageError("parse", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("parse");
    return kExitOk;
  }
  if (parsed->positional.size() != 1) {
    return usageError("parse", "expected one FILE (or - for standard input)", io);
  }

  EdiInput input(parsed->positional[0], io.in);
  if (!input.status().isOk()) {
    io.err << "edi-bridge parse: " << input.status().message() << "\n";
    return kExitUsage;
  }
  parsers::edi::JsonPrinterOptions options;
  options.pretty = parsed->has("--pretty");
  parsers::edi::JsonPrinter printer(io.out, options);
  FindingWriter findings(io.err, /*json=*/false);
  FindingReporter reporter(printer, findings, input.name());
  core::Status read = input.read(reporter);
  printer.finish();

  if (!read.isOk()) {
    io.err << "edi-bridge parse: " << read.message() << "\n";
    return kExitUsage;
  }
  if (!io.out) {
    io.err << "edi-bridge parse: cannot write to standard output\n";
    return kExitUsage;
  }
  if (printer.invalidUtf8Values() > 0) {
    io.err << "edi-bridge parse: " << input.name() << ": " << printer.invalidUtf8Values()
           << " value(s) are not valid UTF-8; their bad bytes appear as U+FFFD in the JSON, so "
              "render will not reproduce them\n";
  }
  if (!printer.status().isOk()) {
    io.err << "edi-bridge parse: " << input.name() << ": " << printer.status().message() << "\n";
    return kExitRejected;
  }
  return reporter.errors() > 0 ? kExitRejected : kExitOk;
}

}  // namespace bridge::cli
