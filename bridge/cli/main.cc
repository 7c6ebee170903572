#include <csignal>
#include <iostream>

#include "bridge/cli/commands.h"

int main(int argc, char** argv) {
  // A closed pipe (edi-bridge parse x.edi | head) is an output error that the
  // command reports, not a signal that kills it.
  std::signal(SIGPIPE, SIG_IGN);
  // The standard streams carry whole files; C stdio is not used.
  std::ios::sync_with_stdio(false);
  return bridge::cli::runCli(argc, argv, std::cin, std::cout, std::cerr);
}
