#include "parsers/edi/tokenizer.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bridge::parsers::edi {

void SegmentTokenizer::setDelimiters(const Delimiters& delimiters) {
  delimiters_ = delimiters;
  classes_.fill(kPlain);
  // Line breaks first: a delimiter that is CR or LF wins over "stray line break".
  classes_[byteOf('\r')] = kLineBreak;
  classes_[byteOf('\n')] = kLineBreak;
  if (delimiters.release != 0) classes_[byteOf(delimiters.release)] = kRelease;
  if (delimiters.repetition != 0) classes_[byteOf(delimiters.repetition)] = kRepetition;
  if (delimiters.component != 0) classes_[byteOf(delimiters.component)] = kComponent;
  if (delimiters.element != 0) classes_[byteOf(delimiters.element)] = kElement;
  if (delimiters.segment != 0) classes_[byteOf(delimiters.segment)] = kTerminator;
#if defined(__SSE2__)
  const char term = delimiters.segment;
  frameProbe_[0] = _mm_set1_epi8(term);
  frameProbe_[1] = _mm_set1_epi8('\r');
  frameProbe_[2] = _mm_set1_epi8('\n');
  // Without a release character the slot repeats the terminator.
  frameProbe_[3] = _mm_set1_epi8(delimiters.release != 0 ? delimiters.release : term);
  // Splitting looks for the separators, the release character and CR/LF;
  // unused ones repeat the element separator.
  const char e = delimiters.element;
  splitProbe_[0] = _mm_set1_epi8(e);
  splitProbe_[1] = _mm_set1_epi8(delimiters.component != 0 ? delimiters.component : e);
  splitProbe_[2] = _mm_set1_epi8(delimiters.repetition != 0 ? delimiters.repetition : e);
  splitProbe_[3] = _mm_set1_epi8(delimiters.release != 0 ? delimiters.release : e);
  splitProbe_[4] = _mm_set1_epi8('\r');
  splitProbe_[5] = _mm_set1_epi8('\n');
#endif
}

size_t SegmentTokenizer::findTerminator(std::string_view bytes) const {
  const char term = delimiters_.segment;
  const char release = delimiters_.release;
  size_t i = 0;
  while (i < bytes.size()) {
    const void* hit = std::memchr(bytes.data() + i, term, bytes.size() - i);
    if (hit == nullptr) return std::string_view::npos;
    const size_t t = static_cast<size_t>(static_cast<const char*>(hit) - bytes.data());
    if (release == 0) return t;
    size_t run = 0;
    while (run < t && bytes[t - 1 - run] == release) ++run;
    if (run % 2 == 0) return t;
    i = t + 1;
  }
  return std::string_view::npos;
}

SegmentTokenizer::Notes SegmentTokenizer::tokenize(std::string_view raw, Segment& out,
                                                   bool elementsOnly) {
  Notes notes;
  // Every byte of a segment may end a value: n bytes hold at most n + 1.
  out.reserve(raw.size() + 1);
  out.clear();
  const char* const begin = raw.data();
  const char* const end = begin + raw.size();
  const char* p = begin;
  for (; p < end; ++p) {
    const uint8_t cls = classes_[byteOf(*p)];
    if (cls == kElement) break;
    if (cls == kRelease || cls == kLineBreak) {
      tokenizeCopying(raw, out, elementsOnly, notes);
      return notes;
    }
  }
  out.setTag(std::string_view(begin, static_cast<size_t>(p - begin)));
  if (p == end) {
    out.finish();
    return notes;
  }
  if (elementsOnly) {
    // Only the ISA is split this way, once per interchange: take the path
    // that also removes stray line breaks.
    tokenizeCopying(raw, out, true, notes);
    return notes;
  }
  // The counts live in locals (registers) and are committed once at the end;
  // reserve() above made room for every value a segment this long can hold.
  const Segment::Storage s = out.storage(raw.size() + 1);
  uint32_t values = 0, repetitions = 1, elements = 1;
  s.elementStart[0] = 0;
  s.repetitionStart[0] = 0;
  const char* valueStart = ++p;
  while (p < end) {
    // The delimiters of the next block of up to 16 bytes as a bit mask:
    // whole blocks with SSE2, the tail byte by byte.
    const char* const base = p;
    unsigned mask = 0;
#if defined(__SSE2__)
    if (end - p >= 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i hits =
          _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, splitProbe_[0]),
                                                 _mm_cmpeq_epi8(block, splitProbe_[1])),
                                    _mm_or_si128(_mm_cmpeq_epi8(block, splitProbe_[2]),
                                                 _mm_cmpeq_epi8(block, splitProbe_[3]))),
                       _mm_or_si128(_mm_cmpeq_epi8(block, splitProbe_[4]),
                                    _mm_cmpeq_epi8(block, splitProbe_[5])));
      mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
      p += 16;
    } else
#endif
    {
      const size_t n = static_cast<size_t>(end - p) < 16 ? static_cast<size_t>(end - p) : 16;
      for (size_t i = 0; i < n; ++i) {
        const uint8_t cls = classes_[byteOf(p[i])];
        if (cls != kPlain && cls != kTerminator) mask |= 1u << i;
      }
      p += n;
    }
    for (; mask != 0; mask &= mask - 1) {
      const char* const q = base + __builtin_ctz(mask);
      const uint8_t cls = classes_[byteOf(*q)];
      if (cls >= kTerminator) {
        if (cls == kTerminator) continue;  // a released terminator: only in the copying path
        tokenizeCopying(raw, out, false, notes);
        return notes;
      }
      s.values[values++] = std::string_view(valueStart, static_cast<size_t>(q - valueStart));
      valueStart = q + 1;
      if (cls == kElement) {
        s.elementStart[elements++] = repetitions;
        s.repetitionStart[repetitions++] = values;
      } else if (cls == kRepetition) {
        s.repetitionStart[repetitions++] = values;
      }
    }
  }
  s.values[values++] = std::string_view(valueStart, static_cast<size_t>(end - valueStart));
  out.setCounts(elements, repetitions, values);
  return notes;
}

void SegmentTokenizer::tokenizeCopying(std::string_view raw, Segment& out, bool elementsOnly,
                                       Notes& notes) {
  out.reserve(raw.size() + 1);
  out.clear();
  scratch_.clear();
  // Views into scratch_ must survive the appends below: never reallocate.
  scratch_.reserve(raw.size());
  size_t valueStart = 0;
  bool inTag = true;
  auto finishValue = [&]() {
    return std::string_view(scratch_.data() + valueStart, scratch_.size() - valueStart);
  };

  const size_t n = raw.size();
  for (size_t i = 0; i < n; ++i) {
    const char c = raw[i];
    const uint8_t cls = classes_[byteOf(c)];
    if (cls == kPlain || cls == kTerminator) {
      // A terminator inside a segment can only be a released one (handled
      // below) or, when it is CR/LF, not reach here; keep it as data.
      scratch_.push_back(c);
      continue;
    }
    if (cls == kLineBreak) {
      if (c == '\n') ++notes.lineFeeds;
      // A CR right before the terminator is the CR of a CRLF terminator pair.
      if (!(c == '\r' && i + 1 == n)) notes.lineBreakInside = true;
      continue;
    }
    if (cls == kRelease) {
      if (i + 1 == n) {
        notes.danglingRelease = true;
        continue;
      }
      const char next = raw[++i];
      const uint8_t nextCls = classes_[byteOf(next)];
      const bool isDelimiter = nextCls == kElement || nextCls == kComponent ||
                               nextCls == kRepetition || nextCls == kRelease ||
                               nextCls == kTerminator;
      if (!isDelimiter && notes.releasedOrdinary < 0) {
        notes.releasedOrdinary = static_cast<int64_t>(i - 1);
      }
      scratch_.push_back(next);
      continue;
    }
    if (inTag) {
      if (cls != kElement) {
        scratch_.push_back(c);
        continue;
      }
      out.setTag(finishValue());
      inTag = false;
      out.beginElement();
      valueStart = scratch_.size();
      continue;
    }
    if (elementsOnly && cls != kElement) {
      scratch_.push_back(c);
      continue;
    }
    out.addComponent(finishValue());
    if (cls == kElement) {
      out.beginElement();
    } else if (cls == kRepetition) {
      out.beginRepetition();
    }
    valueStart = scratch_.size();
  }
  if (inTag) {
    out.setTag(finishValue());
  } else {
    out.addComponent(finishValue());
  }
  out.finish();
}

}  // namespace bridge::parsers::edi
