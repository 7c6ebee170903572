// RouteTable: which targets a transaction goes to (bridge.yaml `routes`).
//
// A route matches when every field it gives equals the transaction's
// (source, partner, standard, set, version); empty fields match anything.
// A transaction goes to the union of the targets of every matching route,
// each target once, in the order routes and targets are written.
//
// Thread-safety: immutable after construction.
#pragma once

#include <string>
#include <vector>

#include "bridge/config/bridge_config.h"

namespace bridge::daemon {

struct RouteKey {
  std::string source;
  std::string partner;
  std::string standard;
  std::string set;
  std::string version;
};

// One delivery a route asks for: a target, and the mapping that translates
// the transaction first ("" for its parse-v1 JSON form).
struct RouteDelivery {
  std::string target;
  std::string mapping;
  bool operator==(const RouteDelivery&) const = default;
};

class RouteTable {
 public:
  explicit RouteTable(std::vector<config::RouteSettings> routes) : routes_(std::move(routes)) {}

  // The target names for `key`; empty when no route matches.
  std::vector<std::string> targetsFor(const RouteKey& key) const;
  // Every (target, mapping) the matching routes ask for, each once, in route
  // order.
  std::vector<RouteDelivery> deliveriesFor(const RouteKey& key) const;
  // The mapping names any route uses.
  std::vector<std::string> mappings() const;
  // The names of the matching routes (for provenance).
  std::vector<std::string> routesFor(const RouteKey& key) const;

 private:
  std::vector<config::RouteSettings> routes_;
};

}  // namespace bridge::daemon
