#include "bridge/daemon/route_table.h"

#include <algorithm>

namespace bridge::daemon {
namespace {

bool fieldMatches(const std::string& wanted, const std::string& actual) {
  return wanted.empty() || wanted == actual;
}

bool matches(const config::RouteMatch& match, const RouteKey& key) {
  return fieldMatches(match.source, key.source) && fieldMatches(match.partner, key.partner) &&
         fieldMatches(match.standard, key.standard) && fieldMatches(match.set, key.set) &&
         fieldMatches(match.version, key.version);
}

}  // namespace

std::vector<std::string> RouteTable::targetsFor(const RouteKey& key) const {
  std::vector<std::string> targets;
  for (const config::RouteSettings& route : routes_) {
    if (!matches(route.match, key)) continue;
    for (const std::string& target : route.targets) {
      if (std::find(targets.begin(), targets.end(), target) == targets.end()) {
        targets.push_back(target);
      }
    }
  }
  return targets;
}

std::vector<std::string> RouteTable::routesFor(const RouteKey& key) const {
  std::vector<std::string> names;
  for (const config::RouteSettings& route : routes_) {
    if (matches(route.match, key)) names.push_back(route.name);
  }
  return names;
}

}  // namespace bridge::daemon
