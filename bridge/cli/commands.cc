#include "bridge/cli/commands.h"

#include <ostream>

namespace bridge::cli {

int runCli(int, char**, std::istream&, std::ostream&, std::ostream& err) {
  err << "edi-bridge: no commands yet\n";
  return 2;
}

}  // namespace bridge::cli
