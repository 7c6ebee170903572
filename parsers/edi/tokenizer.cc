#include "parsers/edi/tokenizer.h"

namespace bridge::parsers::edi {

namespace {

inline uint8_t byteOf(char c) { return static_cast<uint8_t>(c); }

}  // namespace

void SegmentTokenizer::setDelimiters(const Delimiters& delimiters) {
  delimiters_ = delimiters;
  classes_.fill(kPlain);
  // Line breaks first: a delimiter that is CR or LF must win over "stray line break".
  classes_[byteOf('\r')] = kLineBreak;
  classes_[byteOf('\n')] = kLineBreak;
  if (delimiters.release != 0) classes_[byteOf(delimiters.release)] = kRelease;
  if (delimiters.repetition != 0) classes_[byteOf(delimiters.repetition)] = kRepetition;
  if (delimiters.component != 0) classes_[byteOf(delimiters.component)] = kComponent;
  if (delimiters.element != 0) classes_[byteOf(delimiters.element)] = kElement;
  // The terminator never occurs inside a framed segment except after a release
  // character, which the copying path handles.
  if (delimiters.segment != 0 && classes_[byteOf(delimiters.segment)] == kLineBreak) {
    classes_[byteOf(delimiters.segment)] = kPlain;
  }
}

SegmentTokenizer::Notes SegmentTokenizer::tokenize(std::string_view raw, Segment& out,
                                                   bool elementsOnly) {
  Notes notes;
  out.clear();
  const char* const begin = raw.data();
  const char* const end = begin + raw.size();
  const char* p = begin;

  // Tag: everything up to the first element separator.
  while (p < end) {
    const uint8_t cls = classes_[byteOf(*p)];
    if (cls == kElement) break;
    if (cls == kRelease || cls == kLineBreak) {
      tokenizeCopying(raw, out, elementsOnly, notes);
      return notes;
    }
    ++p;
  }
  out.setTag(std::string_view(begin, static_cast<size_t>(p - begin)));
  if (p == end) return notes;

  ++p;  // the element separator after the tag
  out.beginElement();
  const char* valueStart = p;
  for (; p < end; ++p) {
    const uint8_t cls = classes_[byteOf(*p)];
    if (cls == kPlain) continue;
    switch (cls) {
      case kElement:
        out.addComponent(std::string_view(valueStart, static_cast<size_t>(p - valueStart)));
        out.beginElement();
        valueStart = p + 1;
        break;
      case kComponent:
        if (elementsOnly) break;
        out.addComponent(std::string_view(valueStart, static_cast<size_t>(p - valueStart)));
        valueStart = p + 1;
        break;
      case kRepetition:
        if (elementsOnly) break;
        out.addComponent(std::string_view(valueStart, static_cast<size_t>(p - valueStart)));
        out.beginRepetition();
        valueStart = p + 1;
        break;
      default:  // release character or stray line break: rebuild with copies
        tokenizeCopying(raw, out, elementsOnly, notes);
        return notes;
    }
  }
  out.addComponent(std::string_view(valueStart, static_cast<size_t>(end - valueStart)));
  return notes;
}

void SegmentTokenizer::tokenizeCopying(std::string_view raw, Segment& out, bool elementsOnly,
                                       Notes& notes) {
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
    if (cls == kPlain) {
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
                               next == delimiters_.segment;
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
}

}  // namespace bridge::parsers::edi
