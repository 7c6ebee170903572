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

std::vector<RouteDelivery> RouteTable::deliveriesFor(const RouteKey& key) const {
  std::vector<RouteDelivery> deliveries;
  for (const config::RouteSettings& route : routes_) {
    if (!matches(route.match, key)) continue;
    for (const std::string& target : route.targets) {
      RouteDelivery delivery{target, route.mapping};
      if (std::find(deliveries.begin(), deliveries.end(), delivery) == deliveries.end()) {
        deliveries.push_back(std::move(delivery));
      }
    }
  }
  return deliveries;
}

std::vector<std::string> RouteTable::mappings() const {
  std::vector<std::string> names;
  for (const config::RouteSettings& route : routes_) {
    if (!route.mapping.empty() &&
        std::find(names.begin(), names.end(), route.mapping) == names.end()) {
      names.push_back(route.mapping);
    }
  }
  return names;
}

std::vector<std::string> RouteTable::routesFor(const RouteKey& key) const {
  std::vector<std::string> names;
  for (const config::RouteSettings& route : routes_) {
    if (matches(route.match, key)) names.push_back(route.name);
  }
  return names;
}

}  // namespace bridge::daemon
