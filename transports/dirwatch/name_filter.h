// NameFilter: which names in a watched directory are never candidates
// (temp patterns, done files) and how data and done files pair up (E6).
//
// Globs use fnmatch(3) without flags: '*' and '?' also match a leading dot,
// so "*.tmp" covers ".x.tmp"; hidden files are covered by the ".*" glob of
// the default configuration.
//
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bridge::transports {

class NameFilter {
 public:
  NameFilter(std::vector<std::string> ignoreGlobs, std::string doneSuffix);

  // The name matches an ignore glob.
  bool ignored(const std::string& name) const;
  bool usesDoneFiles() const { return !doneSuffix_.empty(); }
  // `name` is a done file ("X.done" with doneSuffix ".done"; not ".done" alone).
  bool isDoneFile(std::string_view name) const;
  // "X" -> "X.done". REQUIRES: usesDoneFiles().
  std::string doneFileFor(std::string_view name) const;
  // The data file an event on `name` concerns: "X" for "X.done", else `name`.
  std::string dataFileFor(std::string_view name) const;

 private:
  std::vector<std::string> ignoreGlobs_;
  std::string doneSuffix_;
};

}  // namespace bridge::transports
