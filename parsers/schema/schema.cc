#include "parsers/schema/schema.h"

namespace bridge::parsers::schema {

const std::string& ElementRef::id() const {
  static const std::string kNone;
  if (element != nullptr) return element->id;
  if (composite != nullptr) return composite->id;
  return kNone;
}

const SegmentDef* Dictionary::findSegment(std::string_view tag) const {
  auto it = segments.find(std::string(tag));
  return it == segments.end() ? nullptr : &it->second;
}

}  // namespace bridge::parsers::schema
