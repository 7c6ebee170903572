#include "parsers/edi/json_segment.h"

#include <cctype>

namespace bridge::parsers::edi {

namespace {

using Json = nlohmann::json;

constexpr size_t kMaxTagLength = 3;
constexpr std::string_view kElementShape =
    "a string, an array of component strings, or an object {\"repeats\": [...]}";

std::string dumpValue(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Json delimiterToJson(char c) {
  if (c == 0) return nullptr;
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x80) return std::string(1, c);
  std::string utf8;
  utf8 += static_cast<char>(0xC0 | (byte >> 6));
  utf8 += static_cast<char>(0x80 | (byte & 0x3F));
  return utf8;
}

// One repetition: a string or a non-empty array of strings.
core::Status repetitionFromJson(const Json& value, const std::string& pointer, bool allowRepeats,
                                OwnedSegment::Element& out) {
  if (value.is_string()) {
    out.push_back({value.get<std::string>()});
    return core::Status::ok();
  }
  if (value.is_array()) {
    if (value.empty()) {
      return jsonError(pointer, "expected at least one component string, found an empty array");
    }
    OwnedSegment::Repetition rep;
    rep.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_string()) {
        return jsonError(pointer + "/" + std::to_string(i),
                         "expected a component string, found " + jsonTypeName(value[i]));
      }
      rep.push_back(value[i].get<std::string>());
    }
    out.push_back(std::move(rep));
    return core::Status::ok();
  }
  if (allowRepeats) {
    return jsonError(pointer,
                     "expected " + std::string(kElementShape) + ", found " + jsonTypeName(value));
  }
  return jsonError(pointer,
                   "expected a repetition (a string or an array of component strings), "
                   "found " +
                       jsonTypeName(value));
}

core::Status elementFromJson(const Json& value, const std::string& pointer,
                             OwnedSegment::Element& out) {
  if (!value.is_object()) return repetitionFromJson(value, pointer, true, out);
  for (const auto& [key, member] : value.items()) {
    if (key != "repeats") {
      return jsonError(pointer + "/" + jsonPointerToken(key),
                       "unknown key; an element object has only \"repeats\"");
    }
  }
  auto repeats = value.find("repeats");
  if (repeats == value.end()) {
    return jsonError(pointer, "expected " + std::string(kElementShape) +
                                  ", found an object without \"repeats\"");
  }
  const std::string repeatsPointer = pointer + "/repeats";
  if (!repeats->is_array() || repeats->empty()) {
    return jsonError(repeatsPointer,
                     "expected a non-empty array of repetitions, found " + jsonTypeName(*repeats));
  }
  for (size_t i = 0; i < repeats->size(); ++i) {
    core::Status s =
        repetitionFromJson((*repeats)[i], repeatsPointer + "/" + std::to_string(i), false, out);
    if (!s.isOk()) return s;
  }
  return core::Status::ok();
}

core::Status tagFromJson(const Json& value, const std::string& pointer, std::string& out) {
  if (!value.is_string()) {
    return jsonError(pointer, "expected the segment tag as a string, found " + jsonTypeName(value));
  }
  out = value.get<std::string>();
  bool ok = !out.empty() && out.size() <= kMaxTagLength;
  for (char c : out) ok = ok && std::isalnum(static_cast<unsigned char>(c));
  if (!ok) {
    return jsonError(
        pointer, "expected a segment tag of 1 to 3 letters or digits, found " + dumpValue(value));
  }
  return core::Status::ok();
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char b = *p;
    if (b < 0x80) {
      ++p;
      continue;
    }
    size_t extra;
    uint32_t min;
    uint32_t cp;
    if ((b & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = b & 0x07;
    } else {
      return false;
    }
    if (static_cast<size_t>(end - p) <= extra) return false;
    for (size_t i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    p += extra + 1;
  }
  return true;
}

std::string segmentToJson(const Segment& segment, bool withLine, uint64_t& invalidUtf8) {
  auto text = [&](std::string_view value) {
    if (!isValidUtf8(value)) ++invalidUtf8;
    return Json(std::string(value));
  };
  Json elements = Json::array();
  elements.get_ref<Json::array_t&>().reserve(segment.elementCount());
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    const size_t repetitions = segment.repetitionCount(e);
    if (repetitions == 1 && segment.componentCount(e, 0) == 1) {
      elements.push_back(text(segment.value(e, 0, 0)));
      continue;
    }
    Json repeats = Json::array();
    for (size_t r = 0; r < repetitions; ++r) {
      const size_t components = segment.componentCount(e, r);
      if (components == 1) {
        repeats.push_back(text(segment.value(e, r, 0)));
        continue;
      }
      Json rep = Json::array();
      for (size_t c = 0; c < components; ++c) rep.push_back(text(segment.value(e, r, c)));
      repeats.push_back(std::move(rep));
    }
    if (repeats.size() == 1) {
      elements.push_back(std::move(repeats[0]));
    } else {
      Json object = Json::object();
      object["repeats"] = std::move(repeats);
      elements.push_back(std::move(object));
    }
  }
  std::string out = "{\"tag\":";
  out += dumpValue(text(segment.tag()));
  out += ",\"elements\":";
  out += dumpValue(elements);
  if (withLine && segment.line() > 0) {
    out += ",\"line\":";
    out += std::to_string(segment.line());
  }
  out += '}';
  return out;
}

nlohmann::ordered_json delimitersToJson(const Delimiters& d) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["element"] = delimiterToJson(d.element);
  out["component"] = delimiterToJson(d.component);
  out["repetition"] = delimiterToJson(d.repetition);
  out["segment"] = delimiterToJson(d.segment);
  out["release"] = delimiterToJson(d.release);
  out["decimal"] = delimiterToJson(d.decimal);
  return out;
}

std::string jsonTypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

std::string jsonPointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

core::Status jsonError(const std::string& pointer, const std::string& message) {
  return core::Status::invalidArgument((pointer.empty() ? std::string("/") : pointer) + ": " +
                                       message);
}

core::Result<OwnedSegment> segmentFromJson(const nlohmann::json& value,
                                           const std::string& pointer) {
  if (!value.is_object()) {
    return jsonError(pointer,
                     "expected a segment object {\"tag\": ..., \"elements\": [...]}, "
                     "found " +
                         jsonTypeName(value));
  }
  for (const auto& [key, member] : value.items()) {
    if (key != "tag" && key != "elements" && key != "line") {
      return jsonError(pointer + "/" + jsonPointerToken(key),
                       "unknown key; a segment has \"tag\", \"elements\" and optionally \"line\"");
    }
  }
  OwnedSegment out;
  auto tag = value.find("tag");
  if (tag == value.end()) return jsonError(pointer, "missing \"tag\" (the segment tag, \"N1\")");
  if (core::Status s = tagFromJson(*tag, pointer + "/tag", out.tag); !s.isOk()) return s;
  auto line = value.find("line");
  if (line != value.end() && !line->is_number_unsigned()) {
    return jsonError(pointer + "/line",
                     "expected a line number (an integer of 0 or more), "
                     "found " +
                         jsonTypeName(*line));
  }
  auto elements = value.find("elements");
  if (elements == value.end()) {
    return jsonError(pointer, "missing \"elements\" (an array, empty for a segment with none)");
  }
  if (!elements->is_array()) {
    return jsonError(pointer + "/elements",
                     "expected an array of elements, found " + jsonTypeName(*elements));
  }
  out.elements.resize(elements->size());
  for (size_t i = 0; i < elements->size(); ++i) {
    core::Status s = elementFromJson((*elements)[i], pointer + "/elements/" + std::to_string(i),
                                     out.elements[i]);
    if (!s.isOk()) return s;
  }
  return out;
}

core::Result<Delimiters> delimitersFromJson(const nlohmann::json& value,
                                            const std::string& pointer) {
  if (!value.is_object()) {
    return jsonError(pointer,
                     "expected an object of delimiters {\"element\": \"*\", ...}, "
                     "found " +
                         jsonTypeName(value));
  }
  Delimiters out;
  struct Slot {
    const char* name;
    char* target;
    bool required;
  };
  const Slot slots[] = {{"element", &out.element, true},        {"component", &out.component, true},
                        {"repetition", &out.repetition, false}, {"segment", &out.segment, true},
                        {"release", &out.release, false},       {"decimal", &out.decimal, false}};
  for (const auto& [key, member] : value.items()) {
    bool known = false;
    for (const Slot& slot : slots) known = known || key == slot.name;
    if (!known) {
      return jsonError(pointer + "/" + jsonPointerToken(key),
                       "unknown key; delimiters are \"element\", \"component\", \"repetition\", "
                       "\"segment\", \"release\" and \"decimal\"");
    }
  }
  for (const Slot& slot : slots) {
    const std::string at = pointer + "/" + slot.name;
    auto it = value.find(slot.name);
    if (it == value.end() || it->is_null()) {
      if (slot.required) {
        const std::string what = it == value.end() ? "missing \"" + std::string(slot.name) + "\""
                                                   : "expected one character, found null";
        return jsonError(it == value.end() ? pointer : at,
                         what +
                             "; every interchange needs an element separator, a component "
                             "separator and a segment terminator");
      }
      continue;
    }
    const std::string text = it->is_string() ? it->get<std::string>() : std::string();
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    if (text.size() == 1 && bytes[0] != 0 && bytes[0] < 0x80) {
      *slot.target = text[0];
    } else if (text.size() == 2 && (bytes[0] == 0xC2 || bytes[0] == 0xC3) &&
               (bytes[1] & 0xC0) == 0x80) {
      *slot.target = static_cast<char>(((bytes[0] & 0x03) << 6) | (bytes[1] & 0x3F));
    } else {
      return jsonError(at, "expected one character (or null when unused), found " +
                               (it->is_string() ? dumpValue(*it) : jsonTypeName(*it)));
    }
  }
  return out;
}

}  // namespace bridge::parsers::edi
