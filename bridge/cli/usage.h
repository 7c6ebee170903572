// Help texts of edi-bridge and its subcommands. Every option a command
// accepts is named in its text (docs/cli.md says the same at more length).
//
// Thread-safety: constant data.
#pragma once

#include <optional>
#include <string_view>

namespace bridge::cli {

// "Usage: edi-bridge <command> ...", the command list and the exit codes.
std::string_view mainUsage();

// The help of `command`, or std::nullopt for a name that is no command.
std::optional<std::string_view> commandUsage(std::string_view command);

// "edi-bridge 0.1.0"
std::string_view versionLine();

}  // namespace bridge::cli
