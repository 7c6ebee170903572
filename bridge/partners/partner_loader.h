// Loading partner profiles: one YAML file per partner, all of them in one
// directory (docs/partner-profiles.md).
//
// Every problem is collected into the caller's YamlIssues as
// file:line:column with what to write instead; nothing is returned from a
// file or directory with problems, so a half-read profile never decides how
// an ack is addressed.
//
// Thread-safety: not thread-safe; each call reads its own files.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "bridge/config/yaml_reader.h"
#include "bridge/partners/partner_directory.h"
#include "bridge/partners/partner_profile.h"

namespace bridge::partners {

// The `format` every profile declares.
inline constexpr std::string_view kPartnerFormat = "edi-bridge/partner-v1";

// Reads the profile at `path`. Its id must equal the file name without
// `.yaml`; overlays are resolved against its directory and must exist.
std::optional<PartnerProfile> loadPartnerProfile(const std::filesystem::path& path,
                                                 config::YamlIssues& issues);

// The same for YAML already in memory, as if read from `path`.
std::optional<PartnerProfile> loadPartnerProfileText(std::string_view text,
                                                     const std::filesystem::path& path,
                                                     config::YamlIssues& issues);

// Reads every *.yaml file directly in `dir` (not in subdirectories, where
// overlays live), in file-name order, and indexes them. Problems in any file,
// and ids claimed by two files, make the whole directory fail.
std::optional<PartnerDirectory> loadPartnerDirectory(const std::filesystem::path& dir,
                                                     config::YamlIssues& issues);

}  // namespace bridge::partners
