// The edi-bridge command line: one entry point that dispatches to subcommands.
#pragma once

#include <iosfwd>

namespace bridge::cli {

// Runs the command line; returns the process exit code (0 ok, 1 input
// rejected, 2 usage or I/O error).
int runCli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace bridge::cli
