#include "parsers/edi/segment.h"

#include "parsers/edi/tokenizer.h"

namespace bridge::parsers::edi {

std::string_view standardName(Standard standard) {
  switch (standard) {
    case Standard::kX12:
      return "x12";
    case Standard::kEdifact:
      return "edifact";
    case Standard::kUnknown:
      return "unknown";
  }
  return "unknown";
}

void Segment::split() const {
  // Splitting fills this segment's own storage; the view stays logically
  // const (same tag, same values), so the cast is safe.
  Segment& self = const_cast<Segment&>(*this);
  const std::string_view raw = raw_;
  SegmentTokenizer* tokenizer = tokenizer_;
  const uint64_t offset = byteOffset_, line = line_, index = index_, length = byteLength_;
  tokenizer->tokenize(raw, self, elementsOnly_);
  self.setPosition(offset, line, index, length);
  self.raw_ = raw;
  self.tokenizer_ = tokenizer;
  split_ = true;
}

core::Location Segment::locate(uint32_t element, uint32_t component) const {
  core::Location loc;
  loc.byteOffset = byteOffset_;
  loc.line = line_;
  loc.segmentIndex = index_;
  loc.segmentTag = std::string(tag_);
  loc.element = element;
  loc.component = component;
  return loc;
}

OwnedSegment OwnedSegment::from(const Segment& segment) {
  OwnedSegment out;
  out.tag = std::string(segment.tag());
  out.byteOffset = segment.byteOffset();
  out.line = segment.line();
  out.index = segment.index();
  out.elements.resize(segment.elementCount());
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    Element& element = out.elements[e];
    element.resize(segment.repetitionCount(e));
    for (size_t r = 0; r < element.size(); ++r) {
      Repetition& rep = element[r];
      rep.reserve(segment.componentCount(e, r));
      for (size_t c = 0; c < segment.componentCount(e, r); ++c) {
        rep.emplace_back(segment.value(e, r, c));
      }
    }
  }
  return out;
}

OwnedSegment OwnedSegment::simple(std::string tag, std::vector<std::string> elements) {
  OwnedSegment out;
  out.tag = std::move(tag);
  out.elements.reserve(elements.size());
  for (std::string& value : elements) out.elements.push_back({{std::move(value)}});
  return out;
}

void OwnedSegment::view(Segment& out) const {
  size_t values = 0;
  for (const Element& element : elements) {
    values += 1;
    for (const Repetition& rep : element) values += rep.size() + 1;
  }
  out.reserve(values);
  out.clear();
  out.setTag(tag);
  out.setPosition(byteOffset, line, index, 0);
  for (const Element& element : elements) {
    out.beginElement();
    for (size_t r = 0; r < element.size(); ++r) {
      if (r > 0) out.beginRepetition();
      for (const std::string& component : element[r]) out.addComponent(component);
      if (element[r].empty()) out.addComponent({});
    }
    if (element.empty()) out.addComponent({});
  }
  out.finish();
}

}  // namespace bridge::parsers::edi
