#include "parsers/ack/ack_emitter.h"

#include <utility>

namespace bridge::parsers::ack {

edi::OwnedSegment::Element composite(std::initializer_list<std::string> components) {
  edi::OwnedSegment::Repetition repetition(components);
  while (repetition.size() > 1 && repetition.back().empty()) repetition.pop_back();
  return {repetition};
}

edi::OwnedSegment segmentOf(std::string tag, std::vector<edi::OwnedSegment::Element> elements) {
  auto empty = [](const edi::OwnedSegment::Element& e) {
    return e.empty() || (e.size() == 1 && (e[0].empty() || (e[0].size() == 1 && e[0][0].empty())));
  };
  while (!elements.empty() && empty(elements.back())) elements.pop_back();
  edi::OwnedSegment segment;
  segment.tag = std::move(tag);
  segment.elements = std::move(elements);
  return segment;
}

}  // namespace bridge::parsers::ack
