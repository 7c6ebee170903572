#include <iostream>

#include "bridge/cli/commands.h"

int main(int argc, char** argv) {
  return bridge::cli::runCli(argc, argv, std::cin, std::cout, std::cerr);
}
