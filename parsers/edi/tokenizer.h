// SegmentTokenizer: finds where a segment ends and splits it into tag,
// elements, repetitions and components.
//
// frame() is the hot path: it finds the end of a segment 16 bytes at a time
// (SSE2), noting line breaks and release characters on the way. present()
// hands the framed segment out with its tag; its elements are split by
// tokenize() only when a consumer first asks for them. tokenize() is
// zero-copy unless the segment holds release characters or stray CR/LF
// (hard-wrapped files), which it removes while copying the values into an
// internal scratch buffer. The views stay valid until the next tokenize().
//
// Thread-safety: one tokenizer per reader.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "parsers/edi/segment.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bridge::parsers::edi {

class SegmentTokenizer {
 public:
  // What tokenizing noticed about the segment's raw bytes.
  struct Notes {
    bool lineBreakInside = false;   // a CR/LF that is not a delimiter was removed
    bool danglingRelease = false;   // a release char as the very last byte
    uint32_t lineFeeds = 0;         // LF bytes inside the segment (for line counting)
    int64_t releasedOrdinary = -1;  // offset of a release char before a non-delimiter

    // Anything that needs a finding.
    bool any() const { return lineBreakInside || danglingRelease || releasedOrdinary >= 0; }
  };

  void setDelimiters(const Delimiters& delimiters);
  const Delimiters& delimiters() const { return delimiters_; }

  // Frames the segment that starts at bytes[0]: returns the offset of its
  // terminator (the first one not released), or std::string_view::npos when
  // `bytes` does not hold it yet. Notes what the bytes hold on the way (line
  // breaks, release characters), so findings do not depend on whether anyone
  // later splits the segment.
  [[gnu::always_inline]] size_t frame(std::string_view bytes, Notes& notes) const;

  // Hands a framed segment (terminator excluded) to `out` with its tag set
  // and its elements split on first access. `raw` must outlive the accesses.
  // Returns tagCode(tag): 0 when the tag is not 2-3 upper-case letters or
  // digits.
  [[gnu::always_inline]] uint32_t present(std::string_view raw, Segment& out, bool elementsOnly);

  // Offset of the first unreleased terminator in `bytes`, or npos.
  size_t findTerminator(std::string_view bytes) const;

  // Tokenizes `raw`, a whole segment without its terminator. With
  // `elementsOnly`, only the element separator splits (the X12 ISA carries
  // the other delimiters as data).
  Notes tokenize(std::string_view raw, Segment& out, bool elementsOnly = false);

 private:
  // Order matters: the split loop treats every class from kTerminator on as
  // "not a separator".
  enum ByteClass : uint8_t {
    kPlain = 0,
    kElement,
    kComponent,
    kRepetition,
    kTerminator,
    kRelease,
    kLineBreak,
  };

  void tokenizeCopying(std::string_view raw, Segment& out, bool elementsOnly, Notes& notes);

  Delimiters delimiters_;
  std::array<uint8_t, 256> classes_{};
#if defined(__SSE2__)
  // Terminator, CR, LF and release character, one per lane: what framing
  // looks for.
  __m128i frameProbe_[4];
  // Element, component and repetition separators, release character, CR, LF.
  __m128i splitProbe_[6];
#endif
  std::string scratch_;

  static uint8_t byteOf(char c) { return static_cast<uint8_t>(c); }

  // 1 for the characters of a segment tag: A-Z and 0-9.
  static constexpr std::array<uint8_t, 256> kTagCharacters = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 'A'; c <= 'Z'; ++c) t[c] = 1;
    for (int c = '0'; c <= '9'; ++c) t[c] = 1;
    return t;
  }();
};

// frame() and present() run once per segment: defined here so they inline
// into the reader's loop.

inline size_t SegmentTokenizer::frame(std::string_view bytes, Notes& notes) const {
  const char* const begin = bytes.data();
  const char* const end = begin + bytes.size();
  const char* p = begin;
  const char term = delimiters_.segment;
  const char release = delimiters_.release;
  uint32_t lineBreaks = 0;
  const char* lastCr = nullptr;
  for (;;) {
    // The special bytes of the next block of up to 16 as a bit mask: whole
    // blocks with SSE2, the tail of `bytes` byte by byte.
    const char* const base = p;
    unsigned mask = 0;
#if defined(__SSE2__)
    if (end - p >= 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, frameProbe_[0]),
                                                     _mm_cmpeq_epi8(block, frameProbe_[1])),
                                        _mm_or_si128(_mm_cmpeq_epi8(block, frameProbe_[2]),
                                                     _mm_cmpeq_epi8(block, frameProbe_[3])));
      mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
      p += 16;
    } else
#endif
    {
      if (p == end) return std::string_view::npos;
      const size_t n = static_cast<size_t>(end - p) < 16 ? static_cast<size_t>(end - p) : 16;
      for (size_t i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == term || c == '\n' || c == '\r' || (release != 0 && c == release)) {
          mask |= 1u << i;
        }
      }
      p += n;
    }
    for (; mask != 0; mask &= mask - 1) {
      const char* const q = base + __builtin_ctz(mask);
      const uint8_t cls = classes_[byteOf(*q)];
      if (cls == kTerminator) {
        // The CR of a CRLF pair whose LF is the terminator is not "inside".
        if (lastCr != nullptr && lastCr + 1 == q) --lineBreaks;
        notes.lineBreakInside = lineBreaks > 0;
        return static_cast<size_t>(q - begin);
      }
      if (cls == kLineBreak) {
        if (*q == '\n') {
          ++notes.lineFeeds;
        } else {
          lastCr = q;
        }
        ++lineBreaks;
        continue;
      }
      // A release character: the byte after it is data, whatever it is.
      if (q + 1 >= end) return std::string_view::npos;  // that byte has not arrived
      const uint8_t next = classes_[byteOf(q[1])];
      if (next == kPlain || next == kLineBreak) {
        if (notes.releasedOrdinary < 0) notes.releasedOrdinary = q - begin;
      }
      p = q + 2;
      break;
    }
  }
}

inline uint32_t SegmentTokenizer::present(std::string_view raw, Segment& out, bool elementsOnly) {
  const char* const b = raw.data();
  const size_t n = raw.size();
  // Nearly every segment has a 2- or 3-character tag followed by the element
  // separator. Tag characters are never delimiters (the readers reject
  // letters and digits as delimiters), so this check is exact.
  const size_t len = n > 3 && classes_[byteOf(b[3])] == kElement   ? 3
                     : n > 2 && classes_[byteOf(b[2])] == kElement ? 2
                                                                   : 0;
  if (len != 0) {
    const uint8_t c0 = byteOf(b[0]), c1 = byteOf(b[1]), c2 = len == 3 ? byteOf(b[2]) : '0';
    if (kTagCharacters[c0] & kTagCharacters[c1] & kTagCharacters[c2]) {
      out.setUnsplit(std::string_view(b, len), raw, this, elementsOnly);
      const uint32_t code = (uint32_t{c0} << 8) | c1;
      return len == 3 ? (code << 8) | c2 : code;
    }
  }
  // Otherwise the tag ends at the first element separator; anything else
  // special in it (a release character, a line break) needs the full split.
  size_t i = 0;
  while (i < n && classes_[byteOf(b[i])] == kPlain) ++i;
  if (i == n || classes_[byteOf(b[i])] == kElement) {
    out.setUnsplit(std::string_view(b, i), raw, this, elementsOnly);
    return tagCode(out.tag());
  }
  out.setUnsplit({}, raw, this, elementsOnly);
  (void)out.elementCount();  // splits now, which sets the tag
  return tagCode(out.tag());
}

}  // namespace bridge::parsers::edi
