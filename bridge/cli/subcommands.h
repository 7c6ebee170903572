// The edi-bridge subcommands. Each takes the words after its name and the
// process streams, and returns the exit code (see ExitCode). runCli in
// commands.cc dispatches to them; usage.cc holds their help texts.
//
// Thread-safety: each call is independent; the streams are used from the
// calling thread only.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace bridge::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitRejected = 1,  // the input has an error finding or cannot be rendered
  kExitUsage = 2,     // usage error, unreadable input, failed output
};

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

using Args = std::vector<std::string>;

int parseCommand(const Args& args, Streams io);
int renderCommand(const Args& args, Streams io);
int validateCommand(const Args& args, Streams io);
int ackCommand(const Args& args, Streams io);
int checkConfigCommand(const Args& args, Streams io);
int runCommand(const Args& args, Streams io);
int spoolCommand(const Args& args, Streams io);
int translateCommand(const Args& args, Streams io);
int mapCommand(const Args& args, Streams io);

// "edi-bridge parse: unknown option '--x'" and the hint to --help, on err.
int usageError(std::string_view command, std::string_view message, Streams io);

}  // namespace bridge::cli
