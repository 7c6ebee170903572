// The shared body of the reader fuzz targets: runs the streaming reader,
// behind the envelope validator, over one input several times with different
// chunk splits, and checks the properties every input must keep:
//   - no crash, leak or undefined behaviour (the sanitizers see to that);
//   - every value of every segment can be read (each byte is touched, so a
//     view into a buffer that was already reused is caught by ASan);
//   - envelopes nest: every start has exactly one end, in order, and nothing
//     is left open after finish();
//   - every finding has a code and a message;
//   - the split does not matter: each split yields the same events, values,
//     positions and findings as one whole read.
// A broken property aborts the process, which libFuzzer records as a crash.
//
// Thread-safety: the functions are reentrant; a digest belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parsers/edi/events.h"

namespace bridge::fuzz {

// Folds every event, position and value it receives into a 64-bit digest and
// checks envelope nesting. Aborts with a message on a broken contract.
class EventDigest : public parsers::edi::EventHandler {
 public:
  void onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                          const parsers::edi::Segment& header) override;
  void onInterchangeEnd(const parsers::edi::Segment* trailer) override;
  void onGroupStart(const parsers::edi::Segment& header) override;
  void onGroupEnd(const parsers::edi::Segment* trailer) override;
  void onTransactionStart(const parsers::edi::Segment& header) override;
  void onTransactionEnd(const parsers::edi::Segment* trailer) override;
  void onSegment(const parsers::edi::Segment& segment) override;
  void onFinding(const core::Finding& finding) override;

  // Aborts unless every envelope that was opened has been closed.
  void requireClosed() const;

  uint64_t digest() const { return hash_; }
  uint64_t events() const { return events_; }

 private:
  enum class Level : uint8_t { kNone, kInterchange, kGroup, kTransaction };

  void open(Level level, const char* event);
  void close(Level level, const char* event);
  void mix(uint64_t value);
  void mix(std::string_view bytes);
  void mixSegment(const parsers::edi::Segment& segment);

  uint64_t hash_ = 14695981039346656037ull;
  uint64_t events_ = 0;
  // Open envelopes, innermost last; three levels at most.
  Level stack_[3] = {Level::kNone, Level::kNone, Level::kNone};
  int depth_ = 0;
};

// Reads `input` whole, in 1-byte (or, for long inputs, small) chunks, in
// pseudo-random chunk sizes derived from the input, split once at a position
// derived from the input, and through readStream with a small read size.
// Aborts when any of them differs from the whole read. Returns the digest of
// the whole read.
uint64_t fuzzReaderSplits(std::string_view input);

// One plain read of `input` (whole, no split comparison), for targets whose
// reader input is produced by something else (render's output).
uint64_t digestOneRead(std::string_view input);

}  // namespace bridge::fuzz
