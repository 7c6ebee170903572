// edi-bridge render: parse-v1 JSON -> EDI on standard output.
#include <fstream>
#include <ostream>

#include "bridge/cli/args.h"
#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"
#include "parsers/edi/json_codec.h"

namespace bridge::cli {

int renderCommand(const Args& args, Streams io) {
  core::Result<ParsedArgs> parsed = parseArgs(args, {"--line-breaks"});
  if (!parsed) return usageError("render", parsed.status().message(), io);
  if (parsed->help) {
    io.out << *commandUsage("render");
    return kExitOk;
  }
  if (parsed->positional.size() != 1) {
    return usageError("render", "expected one FILE (or - for standard input)", io);
  }

  const std::string& path = parsed->positional[0];
  const std::string name = path == "-" ? "<stdin>" : path;
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file.is_open()) {
      io.err << "edi-bridge render: cannot open '" << path << "'\n";
      return kExitUsage;
    }
  }
  parsers::edi::RenderOptions options;
  options.lineBreaks = parsed->has("--line-breaks");
  core::Status status = parsers::edi::renderJson(path == "-" ? io.in : file, io.out, options);
  if (status.isOk()) return kExitOk;
  io.err << "edi-bridge render: " << name << ": " << status.message() << "\n";
  return status.code() == core::StatusCode::kIoError ? kExitUsage : kExitRejected;
}

}  // namespace bridge::cli
