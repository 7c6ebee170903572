// HashingHandler: an EventHandler for tests that folds every event, value,
// position and finding into one 64-bit digest. Two event streams with equal
// digests are (up to hash collisions) identical; it is cheap enough to run a
// reader thousands of times per file.
#pragma once

#include <cstdint>
#include <string_view>

#include "parsers/edi/events.h"

namespace bridge::testing {

class HashingHandler : public parsers::edi::EventHandler {
 public:
  uint64_t digest() const { return hash_; }
  uint64_t events() const { return events_; }  // segments and findings

  void onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                          const parsers::edi::Segment& header) override {
    mix(1);
    const parsers::edi::Delimiters& d = info.delimiters;
    for (char c : {d.element, d.component, d.repetition, d.segment, d.release, d.decimal}) {
      mix(static_cast<uint8_t>(c));
    }
    mix(info.serviceStringAdvice);
    mix(info.hasHeader);
    segment(header);
  }
  void onInterchangeEnd(const parsers::edi::Segment* trailer) override { end(2, trailer); }
  void onGroupStart(const parsers::edi::Segment& header) override {
    mix(3);
    segment(header);
  }
  void onGroupEnd(const parsers::edi::Segment* trailer) override { end(4, trailer); }
  void onTransactionStart(const parsers::edi::Segment& header) override {
    mix(5);
    segment(header);
  }
  void onTransactionEnd(const parsers::edi::Segment* trailer) override { end(6, trailer); }
  void onSegment(const parsers::edi::Segment& s) override {
    mix(7);
    segment(s);
  }
  void onFinding(const core::Finding& f) override {
    ++events_;
    mix(8);
    text(f.code);
    text(f.message);
    mix(f.location.byteOffset);
    mix(f.location.line);
    mix(f.location.segmentIndex);
  }

 private:
  void end(uint64_t kind, const parsers::edi::Segment* trailer) {
    mix(kind);
    if (trailer != nullptr) segment(*trailer);
  }
  void segment(const parsers::edi::Segment& s) {
    ++events_;
    text(s.tag());
    mix(s.byteOffset());
    mix(s.line());
    mix(s.index());
    for (size_t e = 0; e < s.elementCount(); ++e) {
      mix(0xE1);
      for (size_t r = 0; r < s.repetitionCount(e); ++r) {
        mix(0xE2);
        for (size_t c = 0; c < s.componentCount(e, r); ++c) text(s.value(e, r, c));
      }
    }
  }
  void text(std::string_view v) {
    mix(v.size());
    for (char c : v) hash_ = (hash_ ^ static_cast<uint8_t>(c)) * 0x100000001B3ull;
  }
  void mix(uint64_t v) { hash_ = (hash_ ^ v) * 0x100000001B3ull + 0x9E3779B97F4A7C15ull; }

  uint64_t hash_ = 0xCBF29CE484222325ull;
  uint64_t events_ = 0;
};

}  // namespace bridge::testing
