// ControlNumberSet: remembers the control numbers seen in one envelope scope
// (ST02 within a group, GS06 within an interchange, UNH 0062 within an
// interchange) so that a repeated one can be reported.
//
// An interchange may hold hundreds of thousands of messages, so the set is
// compact (the values are packed into one byte arena, indexed by an
// open-addressing table of offsets) and has a byte budget: once the budget
// would be exceeded, insert() answers kFull and the set stops learning until
// clear(). Memory is therefore bounded whatever the input; a caller reports
// that duplicate detection stopped rather than pretending to check.
//
// Values longer than kMaxTrackedBytes are not remembered (control numbers are
// at most 14 characters; a longer one is already reported as malformed).
//
// Thread-safety: not thread-safe; one set per validator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bridge::parsers::edi {

class ControlNumberSet {
 public:
  static constexpr size_t kDefaultByteBudget = 4u << 20;
  static constexpr size_t kMaxTrackedBytes = 255;

  enum class Insert {
    kNew,        // first time seen (or too long to track)
    kDuplicate,  // seen before in this scope
    kFull,       // the byte budget is spent; the value was not checked
  };

  explicit ControlNumberSet(size_t byteBudget = kDefaultByteBudget);

  Insert insert(std::string_view value);

  // Forgets every value; memory grown for an exceptionally large scope is
  // released so that it does not stay resident for the rest of the input.
  void clear();

  size_t size() const { return size_; }
  bool full() const { return full_; }
  // Bytes held (allocated, not only used): at most the budget, except for
  // the moment the index is rebuilt larger.
  size_t memoryBytes() const { return arena_.capacity() + slots_.size() * sizeof(uint32_t); }

 private:
  static constexpr size_t kInitialSlots = 64;

  std::string_view valueAt(uint32_t slot) const;
  bool grow();
  bool reserveArena(size_t extra);

  size_t byteBudget_;
  std::string arena_;            // [length byte][bytes] per value
  std::vector<uint32_t> slots_;  // 0 = empty, else arena offset + 1
  size_t size_ = 0;
  bool full_ = false;
};

}  // namespace bridge::parsers::edi
