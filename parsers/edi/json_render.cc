// renderJson (declared in json_codec.h): parse-v1 JSON -> Writer events.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>

#include "parsers/edi/json_codec.h"
#include "parsers/edi/json_segment.h"
#include "parsers/edi/segment_encoder.h"
#include "parsers/edi/writer.h"

namespace bridge::parsers::edi {

namespace {

using Json = nlohmann::json;

// parse-v1 nests at most 9 levels; anything far deeper is not parse-v1 and
// is refused before parsing, so no recursive code ever sees it.
constexpr size_t kMaxJsonDepth = 64;
constexpr size_t kReadChunk = 64 * 1024;
constexpr size_t kIsaElements = 16;

struct EnvelopeTags {
  std::string_view interchangeHeader, interchangeTrailer;
  std::string_view groupHeader, groupTrailer;
  std::string_view transactionHeader, transactionTrailer;

  bool isEnvelope(std::string_view tag) const {
    return tag == interchangeHeader || tag == interchangeTrailer || tag == groupHeader ||
           tag == groupTrailer || tag == transactionHeader || tag == transactionTrailer ||
           tag == "UNA";
  }
};

constexpr EnvelopeTags kX12Tags{"ISA", "IEA", "GS", "GE", "ST", "SE"};
constexpr EnvelopeTags kEdifactTags{"UNB", "UNZ", "UNG", "UNE", "UNH", "UNT"};

core::Status readAll(std::istream& in, size_t maxBytes, std::string& out) {
  std::string chunk(kReadChunk, '\0');
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<size_t>(in.gcount());
    if (got > maxBytes - std::min(maxBytes, out.size())) {
      return core::Status::resourceExhausted(
          "the JSON input is larger than " + std::to_string(maxBytes) +
          " bytes, the most render reads at once; split it into several documents");
    }
    out.append(chunk.data(), got);
  }
  if (in.bad()) return core::Status::ioError("cannot read the JSON input: the stream failed");
  return core::Status::ok();
}

core::Status checkDepth(std::string_view text) {
  size_t depth = 0;
  bool inString = false;
  bool escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        inString = false;
      }
      continue;
    }
    if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) {
        return core::Status::invalidArgument(
            "the JSON input nests deeper than " + std::to_string(kMaxJsonDepth) +
            " levels (at byte " + std::to_string(i) + "); a parse-v1 document needs at most 9");
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return core::Status::ok();
}

class Renderer {
 public:
  explicit Renderer(Writer& writer) : writer_(writer) {}

  core::Status document(const Json& root) {
    if (!root.is_object()) {
      return jsonError("", "expected a parse-v1 object {\"format\": \"" + std::string(kJsonFormat) +
                               "\", \"interchanges\": [...]}, found " + jsonTypeName(root));
    }
    if (core::Status s = checkKeys(root, "", {"format", "interchanges"}, "the document");
        !s.isOk()) {
      return s;
    }
    auto format = root.find("format");
    if (format == root.end()) {
      return jsonError("", "missing \"format\": \"" + std::string(kJsonFormat) + "\"");
    }
    if (!format->is_string() || format->get<std::string>() != kJsonFormat) {
      return jsonError("/format", "expected \"" + std::string(kJsonFormat) + "\", found " +
                                      format->dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    auto interchanges = root.find("interchanges");
    if (interchanges == root.end()) return jsonError("", "missing \"interchanges\" (an array)");
    if (!interchanges->is_array()) {
      return jsonError("/interchanges",
                       "expected an array of interchanges, found " + jsonTypeName(*interchanges));
    }
    for (size_t i = 0; i < interchanges->size(); ++i) {
      core::Status s = interchange((*interchanges)[i], "/interchanges/" + std::to_string(i));
      if (!s.isOk()) return s;
    }
    return core::Status::ok();
  }

 private:
  static core::Status checkKeys(const Json& object, const std::string& pointer,
                                std::initializer_list<std::string_view> allowed,
                                std::string_view what) {
    for (const auto& [key, member] : object.items()) {
      bool known = false;
      for (std::string_view name : allowed) known = known || key == name;
      if (known) continue;
      std::string list;
      for (std::string_view name : allowed) {
        list += (list.empty() ? "\"" : ", \"") + std::string(name) + "\"";
      }
      return jsonError(pointer + "/" + jsonPointerToken(key),
                       "unknown key; " + std::string(what) + " has " + list);
    }
    return core::Status::ok();
  }

  // The array at object[key], or nullptr when absent.
  static core::Result<const Json*> optionalArray(const Json& object, const char* key,
                                                 const std::string& pointer) {
    auto it = object.find(key);
    if (it == object.end()) return static_cast<const Json*>(nullptr);
    if (!it->is_array()) {
      return jsonError(pointer + "/" + key, "expected an array, found " + jsonTypeName(*it));
    }
    return &*it;
  }

  // Decodes object[key] as a segment with tag `tag`; absent or null gives
  // std::nullopt unless `required`.
  core::Result<std::optional<OwnedSegment>> envelopeSegment(const Json& object, const char* key,
                                                            const std::string& pointer,
                                                            std::string_view tag, bool required) {
    auto it = object.find(key);
    const std::string at = pointer + "/" + key;
    if (it == object.end() || it->is_null()) {
      if (!required) return std::optional<OwnedSegment>();
      return jsonError(it == object.end() ? pointer : at,
                       std::string(it == object.end() ? "missing" : "null") + " \"" + key +
                           "\": expected the " + std::string(tag) + " segment");
    }
    core::Result<OwnedSegment> segment = segmentFromJson(*it, at);
    if (!segment) return segment.status();
    if (segment->tag != tag) {
      return jsonError(at + "/tag",
                       "expected \"" + std::string(tag) + "\", found \"" + segment->tag + "\"");
    }
    return std::optional<OwnedSegment>(std::move(*segment));
  }

  core::Status written(const std::string& pointer) {
    if (writer_.status().isOk()) return core::Status::ok();
    const core::Status& s = writer_.status();
    if (s.code() != core::StatusCode::kInvalidArgument) return s;
    return jsonError(pointer, s.message());
  }

  const Segment& view(const OwnedSegment& segment) {
    segment.view(view_);
    return view_;
  }

  core::Status bodySegments(const Json* array, const std::string& pointer) {
    if (array == nullptr) return core::Status::ok();
    for (size_t i = 0; i < array->size(); ++i) {
      const std::string at = pointer + "/" + std::to_string(i);
      core::Result<OwnedSegment> segment = segmentFromJson((*array)[i], at);
      if (!segment) return segment.status();
      if (tags_->isEnvelope(segment->tag)) {
        return jsonError(at + "/tag", "\"" + segment->tag +
                                          "\" is an envelope segment; it belongs in a \"header\" "
                                          "or \"trailer\", not among the segments");
      }
      writer_.onSegment(view(*segment));
      if (core::Status s = written(at); !s.isOk()) return s;
    }
    return core::Status::ok();
  }

  core::Status transaction(const Json& value, const std::string& pointer) {
    if (!value.is_object()) {
      return jsonError(pointer,
                       "expected a transaction object {\"header\": ..., \"segments\": "
                       "[...], \"trailer\": ...}, found " +
                           jsonTypeName(value));
    }
    if (core::Status s =
            checkKeys(value, pointer, {"header", "segments", "trailer"}, "a transaction");
        !s.isOk()) {
      return s;
    }
    auto header = envelopeSegment(value, "header", pointer, tags_->transactionHeader, true);
    if (!header) return header.status();
    auto segments = optionalArray(value, "segments", pointer);
    if (!segments) return segments.status();
    auto trailer = envelopeSegment(value, "trailer", pointer, tags_->transactionTrailer, false);
    if (!trailer) return trailer.status();

    writer_.onTransactionStart(view(**header));
    if (core::Status s = written(pointer + "/header"); !s.isOk()) return s;
    if (core::Status s = bodySegments(*segments, pointer + "/segments"); !s.isOk()) return s;
    writer_.onTransactionEnd(*trailer ? &view(**trailer) : nullptr);
    return written(pointer + "/trailer");
  }

  core::Status transactions(const Json* array, const std::string& pointer) {
    if (array == nullptr) return core::Status::ok();
    for (size_t i = 0; i < array->size(); ++i) {
      core::Status s = transaction((*array)[i], pointer + "/" + std::to_string(i));
      if (!s.isOk()) return s;
    }
    return core::Status::ok();
  }

  core::Status group(const Json& value, const std::string& pointer) {
    if (!value.is_object()) {
      return jsonError(pointer,
                       "expected a group object {\"header\": ..., \"transactions\": "
                       "[...], \"trailer\": ...}, found " +
                           jsonTypeName(value));
    }
    if (core::Status s =
            checkKeys(value, pointer, {"header", "transactions", "segments", "trailer"}, "a group");
        !s.isOk()) {
      return s;
    }
    auto header = envelopeSegment(value, "header", pointer, tags_->groupHeader, true);
    if (!header) return header.status();
    auto segments = optionalArray(value, "segments", pointer);
    if (!segments) return segments.status();
    auto list = optionalArray(value, "transactions", pointer);
    if (!list) return list.status();
    auto trailer = envelopeSegment(value, "trailer", pointer, tags_->groupTrailer, false);
    if (!trailer) return trailer.status();

    writer_.onGroupStart(view(**header));
    if (core::Status s = written(pointer + "/header"); !s.isOk()) return s;
    if (core::Status s = bodySegments(*segments, pointer + "/segments"); !s.isOk()) return s;
    if (core::Status s = transactions(*list, pointer + "/transactions"); !s.isOk()) return s;
    writer_.onGroupEnd(*trailer ? &view(**trailer) : nullptr);
    return written(pointer + "/trailer");
  }

  core::Result<InterchangeInfo> info(const Json& value, const std::string& pointer) {
    InterchangeInfo info;
    auto standard = value.find("standard");
    if (standard == value.end()) {
      return jsonError(pointer, "missing \"standard\": \"x12\" or \"edifact\"");
    }
    const std::string name = standard->is_string() ? standard->get<std::string>() : "";
    if (name == "x12") {
      info.standard = Standard::kX12;
    } else if (name == "edifact") {
      info.standard = Standard::kEdifact;
    } else {
      return jsonError(pointer + "/standard",
                       "expected \"x12\" or \"edifact\", found " +
                           standard->dump(-1, ' ', false, Json::error_handler_t::replace));
    }
    auto delimiters = value.find("delimiters");
    if (delimiters == value.end()) {
      return jsonError(pointer, "missing \"delimiters\" (an object)");
    }
    core::Result<Delimiters> d = delimitersFromJson(*delimiters, pointer + "/delimiters");
    if (!d) return d.status();
    if (core::Status s = checkDelimiters(info.standard, *d); !s.isOk()) {
      return jsonError(pointer + "/delimiters", s.message());
    }
    info.delimiters = *d;
    auto una = value.find("serviceStringAdvice");
    if (una != value.end()) {
      if (!una->is_boolean()) {
        return jsonError(pointer + "/serviceStringAdvice",
                         "expected true or false, found " + jsonTypeName(*una));
      }
      info.serviceStringAdvice = una->get<bool>();
      if (info.serviceStringAdvice && info.standard == Standard::kX12) {
        return jsonError(pointer + "/serviceStringAdvice",
                         "X12 has no service string advice (UNA); use false");
      }
    }
    return info;
  }

  static core::Status checkIsa(const OwnedSegment& isa, const std::string& pointer) {
    if (isa.elements.size() != kIsaElements) {
      return jsonError(pointer + "/elements", "expected the 16 elements ISA01 to ISA16, found " +
                                                  std::to_string(isa.elements.size()));
    }
    for (size_t e = 0; e < isa.elements.size(); ++e) {
      if (isa.elements[e].size() != 1 || isa.elements[e][0].size() != 1) {
        return jsonError(pointer + "/elements/" + std::to_string(e),
                         "expected a simple string: ISA elements have no components or "
                         "repetitions");
      }
    }
    return core::Status::ok();
  }

  core::Status interchange(const Json& value, const std::string& pointer) {
    if (!value.is_object()) {
      return jsonError(pointer, "expected an interchange object, found " + jsonTypeName(value));
    }
    if (core::Status s = checkKeys(value, pointer,
                                   {"standard", "delimiters", "serviceStringAdvice", "header",
                                    "segments", "groups", "transactions", "trailer"},
                                   "an interchange");
        !s.isOk()) {
      return s;
    }
    core::Result<InterchangeInfo> interchangeInfo = info(value, pointer);
    if (!interchangeInfo) return interchangeInfo.status();
    tags_ = interchangeInfo->standard == Standard::kX12 ? &kX12Tags : &kEdifactTags;

    auto header = envelopeSegment(value, "header", pointer, tags_->interchangeHeader, false);
    if (!header) return header.status();
    if (*header && interchangeInfo->standard == Standard::kX12) {
      if (core::Status s = checkIsa(**header, pointer + "/header"); !s.isOk()) return s;
    }
    auto segments = optionalArray(value, "segments", pointer);
    if (!segments) return segments.status();
    auto groups = optionalArray(value, "groups", pointer);
    if (!groups) return groups.status();
    auto list = optionalArray(value, "transactions", pointer);
    if (!list) return list.status();
    auto trailer = envelopeSegment(value, "trailer", pointer, tags_->interchangeTrailer, false);
    if (!trailer) return trailer.status();

    interchangeInfo->hasHeader = header->has_value();
    if (*header) {
      writer_.onInterchangeStart(*interchangeInfo, view(**header));
    } else {
      view_.clear();
      writer_.onInterchangeStart(*interchangeInfo, view_);
    }
    if (core::Status s = written(pointer + "/header"); !s.isOk()) return s;
    if (core::Status s = bodySegments(*segments, pointer + "/segments"); !s.isOk()) return s;
    if (*groups != nullptr) {
      for (size_t i = 0; i < (*groups)->size(); ++i) {
        const std::string at = pointer + "/groups/" + std::to_string(i);
        if (core::Status s = group((**groups)[i], at); !s.isOk()) return s;
      }
    }
    if (core::Status s = transactions(*list, pointer + "/transactions"); !s.isOk()) return s;
    writer_.onInterchangeEnd(*trailer ? &view(**trailer) : nullptr);
    return written(pointer + "/trailer");
  }

  Writer& writer_;
  const EnvelopeTags* tags_ = &kX12Tags;
  Segment view_;
};

}  // namespace

core::Status renderJson(std::istream& in, std::ostream& out, const RenderOptions& options) {
  std::string text;
  if (core::Status s = readAll(in, options.maxInputBytes, text); !s.isOk()) return s;
  if (core::Status s = checkDepth(text); !s.isOk()) return s;

  Json root;
  try {
    root = Json::parse(text);
  } catch (const Json::exception& e) {
    return core::Status::invalidArgument(std::string("the input is not valid JSON: ") + e.what());
  }
  std::string().swap(text);

  std::ostringstream edi;
  WriterOptions writerOptions;
  writerOptions.lineBreaks = options.lineBreaks;
  writerOptions.computeTrailers = options.computeTrailers;
  Writer writer(edi, writerOptions);
  if (core::Status s = Renderer(writer).document(root); !s.isOk()) return s;

  const std::string bytes = std::move(edi).str();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) return core::Status::ioError("cannot write the EDI output: the output stream failed");
  return core::Status::ok();
}

}  // namespace bridge::parsers::edi
