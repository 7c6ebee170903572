#include "parsers/edi/control_number_set.h"

#include <algorithm>
#include <functional>

namespace bridge::parsers::edi {

namespace {

size_t homeSlot(std::string_view value, size_t mask) {
  return std::hash<std::string_view>{}(value)&mask;
}

}  // namespace

ControlNumberSet::ControlNumberSet(size_t byteBudget)
    : byteBudget_(byteBudget), slots_(kInitialSlots, 0) {}

std::string_view ControlNumberSet::valueAt(uint32_t slot) const {
  size_t offset = slot - 1;
  size_t length = static_cast<unsigned char>(arena_[offset]);
  return std::string_view(arena_).substr(offset + 1, length);
}

bool ControlNumberSet::grow() {
  size_t newCount = slots_.size() * 2;
  if (arena_.capacity() + newCount * sizeof(uint32_t) > byteBudget_) return false;
  std::vector<uint32_t> grown(newCount, 0);
  size_t mask = newCount - 1;
  for (uint32_t slot : slots_) {
    if (slot == 0) continue;
    size_t i = homeSlot(valueAt(slot), mask);
    while (grown[i] != 0) i = (i + 1) & mask;
    grown[i] = slot;
  }
  slots_.swap(grown);
  return true;
}

bool ControlNumberSet::reserveArena(size_t extra) {
  size_t needed = arena_.size() + extra;
  if (needed <= arena_.capacity()) return true;
  size_t slotBytes = slots_.size() * sizeof(uint32_t);
  if (needed + slotBytes > byteBudget_ || needed >= UINT32_MAX) return false;
  // Grow geometrically, but never past the budget.
  size_t capacity = std::max(needed, std::max<size_t>(arena_.capacity() * 2, 256));
  capacity = std::min(capacity, byteBudget_ - slotBytes);
  arena_.reserve(capacity);
  return true;
}

ControlNumberSet::Insert ControlNumberSet::insert(std::string_view value) {
  if (value.size() > kMaxTrackedBytes) return Insert::kNew;
  size_t mask = slots_.size() - 1;
  size_t i = homeSlot(value, mask);
  while (slots_[i] != 0) {
    if (valueAt(slots_[i]) == value) return Insert::kDuplicate;
    i = (i + 1) & mask;
  }
  if (full_) return Insert::kFull;
  // Keep the load factor at or below one half so probes stay short.
  if ((size_ + 1) * 2 > slots_.size()) {
    if (!grow()) {
      full_ = true;
      return Insert::kFull;
    }
    mask = slots_.size() - 1;
    i = homeSlot(value, mask);
    while (slots_[i] != 0) i = (i + 1) & mask;
  }
  if (!reserveArena(1 + value.size())) {
    full_ = true;
    return Insert::kFull;
  }
  slots_[i] = static_cast<uint32_t>(arena_.size() + 1);
  arena_.push_back(static_cast<char>(value.size()));
  arena_.append(value);
  ++size_;
  return Insert::kNew;
}

void ControlNumberSet::clear() {
  if (slots_.size() > kInitialSlots * 64) {
    std::vector<uint32_t>(kInitialSlots, 0).swap(slots_);
    std::string().swap(arena_);
  } else {
    std::fill(slots_.begin(), slots_.end(), 0);
    arena_.clear();
  }
  size_ = 0;
  full_ = false;
}

}  // namespace bridge::parsers::edi
