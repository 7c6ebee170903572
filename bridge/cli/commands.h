// The edi-bridge command line: one entry point that dispatches to the
// subcommands (parse, render, validate, version, help).
//
// runCli never throws and never raises a signal on bad input: library
// exceptions are caught at this boundary and reported with exit code 2.
//
// Thread-safety: reentrant; the streams are used from the calling thread only.
#pragma once

#include <iosfwd>

namespace bridge::cli {

// Runs the command line; returns the process exit code (0 ok, 1 input
// rejected, 2 usage or I/O error). `in` is standard input for "-" arguments.
int runCli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace bridge::cli
