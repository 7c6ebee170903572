#include "transports/dirwatch/stability_tracker.h"

#include <algorithm>

namespace bridge::transports {

bool StabilityTracker::observe(const std::string& name, const FileSignature& signature,
                               int64_t nowMs) {
  auto [it, inserted] = seen_.try_emplace(name, Seen{signature, nowMs});
  if (!inserted && !(it->second.signature == signature)) it->second = Seen{signature, nowMs};
  // A clock that steps back must not make a file look older than it is.
  if (it->second.sinceMs > nowMs) it->second.sinceMs = nowMs;
  return nowMs - it->second.sinceMs >= stableForMs_;
}

std::optional<int64_t> StabilityTracker::msUntilNextReady(int64_t nowMs) const {
  std::optional<int64_t> best;
  for (const auto& [name, seen] : seen_) {
    const int64_t remaining = std::max<int64_t>(0, seen.sinceMs + stableForMs_ - nowMs);
    if (!best || remaining < *best) best = remaining;
  }
  return best;
}

std::vector<std::string> StabilityTracker::names() const {
  std::vector<std::string> out;
  out.reserve(seen_.size());
  for (const auto& [name, seen] : seen_) out.push_back(name);
  return out;
}

}  // namespace bridge::transports
