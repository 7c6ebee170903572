#include "transports/dirwatch/name_filter.h"

#include <fnmatch.h>

#include <utility>

namespace bridge::transports {

NameFilter::NameFilter(std::vector<std::string> ignoreGlobs, std::string doneSuffix)
    : ignoreGlobs_(std::move(ignoreGlobs)), doneSuffix_(std::move(doneSuffix)) {}

bool NameFilter::ignored(const std::string& name) const {
  for (const std::string& glob : ignoreGlobs_) {
    if (::fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

bool NameFilter::isDoneFile(std::string_view name) const {
  return !doneSuffix_.empty() && name.size() > doneSuffix_.size() &&
         name.substr(name.size() - doneSuffix_.size()) == doneSuffix_;
}

std::string NameFilter::doneFileFor(std::string_view name) const {
  std::string done(name);
  done.append(doneSuffix_);
  return done;
}

std::string NameFilter::dataFileFor(std::string_view name) const {
  if (!isDoneFile(name)) return std::string(name);
  return std::string(name.substr(0, name.size() - doneSuffix_.size()));
}

}  // namespace bridge::transports
