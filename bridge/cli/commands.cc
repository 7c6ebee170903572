#include "bridge/cli/commands.h"

#include <exception>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/cli/subcommands.h"
#include "bridge/cli/usage.h"

namespace bridge::cli {

namespace {

int versionCommand(const Args& args, Streams io) {
  if (!args.empty() && (args[0] == "-h" || args[0] == "--help")) {
    io.out << *commandUsage("version");
    return kExitOk;
  }
  if (!args.empty()) return usageError("version", "unexpected argument '" + args[0] + "'", io);
  io.out << versionLine() << '\n';
  return kExitOk;
}

int helpCommand(const Args& args, Streams io) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    io.out << mainUsage();
    return kExitOk;
  }
  if (std::optional<std::string_view> usage = commandUsage(args[0])) {
    io.out << *usage;
    return kExitOk;
  }
  io.err << "edi-bridge help: unknown command '" << args[0] << "'\n"
         << "Run 'edi-bridge --help' for the list of commands.\n";
  return kExitUsage;
}

int dispatch(const std::string& command, const Args& args, Streams io) {
  if (command == "parse") return parseCommand(args, io);
  if (command == "render") return renderCommand(args, io);
  if (command == "validate") return validateCommand(args, io);
  if (command == "ack") return ackCommand(args, io);
  if (command == "check-config") return checkConfigCommand(args, io);
  if (command == "run") return runCommand(args, io);
  if (command == "spool") return spoolCommand(args, io);
  if (command == "translate") return translateCommand(args, io);
  if (command == "map") return mapCommand(args, io);
  if (command == "version" || command == "--version") return versionCommand(args, io);
  if (command == "help" || command == "--help" || command == "-h") return helpCommand(args, io);
  if (command.size() > 1 && command[0] == '-') {
    io.err << "edi-bridge: unknown option '" << command << "'\n";
  } else {
    io.err << "edi-bridge: unknown command '" << command << "'\n";
  }
  io.err << "Run 'edi-bridge --help' for the list of commands.\n";
  return kExitUsage;
}

}  // namespace

int usageError(std::string_view command, std::string_view message, Streams io) {
  io.err << "edi-bridge " << command << ": " << message << "\n"
         << "Run 'edi-bridge " << command << " --help' for usage.\n";
  return kExitUsage;
}

int runCli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  Streams io{in, out, err};
  try {
    if (argc < 2) {
      err << mainUsage();
      return kExitUsage;
    }
    const Args args(argv + 2, argv + argc);
    const int code = dispatch(argv[1], args, io);
    out.flush();
    if (!out && code != kExitUsage) {
      err << "edi-bridge: cannot write to standard output\n";
      return kExitUsage;
    }
    return code;
  } catch (const std::exception& e) {
    err << "edi-bridge: internal error: " << e.what() << "\n";
  } catch (...) {
    err << "edi-bridge: internal error: unknown exception\n";
  }
  return kExitUsage;
}

}  // namespace bridge::cli
