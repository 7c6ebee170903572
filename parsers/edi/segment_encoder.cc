#include "parsers/edi/segment_encoder.h"

#include <cctype>

#include "parsers/edi/quote.h"

namespace bridge::parsers::edi {

namespace {

std::string_view delimiterName(const Delimiters& d, char c) {
  if (c == d.element) return "element separator";
  if (c == d.component) return "component separator";
  if (c == d.repetition) return "repetition separator";
  if (c == d.segment) return "segment terminator";
  if (c == d.release) return "release character";
  return "line break";
}

bool isLineBreak(char c) { return c == '\r' || c == '\n'; }

}  // namespace

bool isDefaultEdifact(const Delimiters& d) {
  return d.component == ':' && d.element == '+' && d.release == '?' && d.segment == '\'' &&
         (d.decimal == 0 || d.decimal == '.') &&
         (d.repetition == 0 || d.repetition == ' ' || d.repetition == '*');
}

std::string serviceStringAdvice(const Delimiters& d) {
  std::string una = "UNA";
  una += d.component;
  una += d.element;
  una += d.decimal != 0 ? d.decimal : '.';
  una += d.release != 0 ? d.release : ' ';
  una += d.repetition != 0 ? d.repetition : ' ';
  una += d.segment;
  return una;
}

core::Status checkDelimiters(Standard standard, const Delimiters& d) {
  if (standard != Standard::kX12 && standard != Standard::kEdifact) {
    return core::Status::invalidArgument("the standard must be X12 or EDIFACT to write segments");
  }
  if (d.element == 0 || d.component == 0 || d.segment == 0) {
    return core::Status::invalidArgument(
        "the element separator, component separator and segment terminator must all be set");
  }
  if (standard == Standard::kX12 && d.release != 0) {
    return core::Status::invalidArgument(
        "X12 has no release character; leave it unset (null) for X12 interchanges");
  }
  struct Named {
    char c;
    std::string_view name;
  };
  const Named used[] = {{d.element, "element separator"},
                        {d.component, "component separator"},
                        {d.repetition, "repetition separator"},
                        {d.segment, "segment terminator"},
                        {d.release, "release character"}};
  for (size_t i = 0; i < std::size(used); ++i) {
    const char c = used[i].c;
    if (c == 0) continue;
    if (std::isalnum(static_cast<unsigned char>(c))) {
      return core::Status::invalidArgument("the " + std::string(used[i].name) + " " +
                                           describeCharacter(c) +
                                           " is a letter or digit, which data uses; choose a "
                                           "punctuation character");
    }
    if (isLineBreak(c) && used[i].name != "segment terminator") {
      return core::Status::invalidArgument("the " + std::string(used[i].name) +
                                           " cannot be a line break; only the segment "
                                           "terminator may be CR or LF");
    }
    for (size_t j = i + 1; j < std::size(used); ++j) {
      if (used[j].c == c) {
        return core::Status::invalidArgument(
            "the " + std::string(used[i].name) + " and the " + std::string(used[j].name) +
            " are both " + describeCharacter(c) + "; every delimiter must differ");
      }
    }
  }
  if (d.decimal != 0 && d.decimal != '.' && d.decimal != ',') {
    return core::Status::invalidArgument("the decimal mark must be '.' or ',', not " +
                                         describeCharacter(d.decimal));
  }
  return core::Status::ok();
}

SegmentEncoder::SegmentEncoder(Standard standard, const Delimiters& delimiters, bool lineBreaks)
    : standard_(standard), delimiters_(delimiters), lineBreaks_(lineBreaks) {}

core::Status SegmentEncoder::appendValue(std::string_view value, const core::Location& where,
                                         bool fixedWidthHeader, std::string& out) const {
  const Delimiters& d = delimiters_;
  const bool escape = standard_ == Standard::kEdifact && d.release != 0;
  for (char c : value) {
    const bool special =
        isLineBreak(c) || c == d.element || c == d.segment ||
        (!fixedWidthHeader && (c == d.component || (d.repetition != 0 && c == d.repetition) ||
                               (d.release != 0 && c == d.release)));
    if (!special) {
      out += c;
      continue;
    }
    if (escape && !isLineBreak(c)) {
      out += d.release;
      out += c;
      continue;
    }
    std::string why;
    if (isLineBreak(c) && c != d.segment) {
      why = "a line break, which readers drop as line wrapping";
    } else {
      why = "the " + std::string(delimiterName(d, c)) + " " + describeCharacter(c);
    }
    std::string fix = standard_ == Standard::kX12
                          ? "X12 has no release character, so remove it from the data or choose "
                            "delimiters that do not occur in it"
                          : "remove it from the data or choose delimiters that do not occur in it";
    return core::Status::invalidArgument("cannot write " + where.describe() + ": the value " +
                                         quoteValue(value) + " contains " + why + "; " + fix);
  }
  return core::Status::ok();
}

core::Status SegmentEncoder::encode(const Segment& segment, uint64_t position, std::string& out,
                                    bool fixedWidthHeader) const {
  const size_t mark = out.size();
  core::Location where;
  where.segmentIndex = position;
  where.segmentTag = std::string(segment.tag());
  auto fail = [&](core::Status status) {
    out.resize(mark);
    return status;
  };

  if (core::Status s = appendValue(segment.tag(), where, fixedWidthHeader, out); !s.isOk()) {
    return fail(std::move(s));
  }
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    out += delimiters_.element;
    where.element = static_cast<uint32_t>(e + 1);
    const size_t repetitions = segment.repetitionCount(e);
    if (repetitions > 1 && fixedWidthHeader) {
      return fail(core::Status::invalidArgument("cannot write " + where.describe() +
                                                ": the interchange header takes simple values "
                                                "only, not repetitions"));
    }
    if (repetitions > 1 && delimiters_.repetition == 0) {
      where.repetition = 0;
      where.component = 0;
      return fail(core::Status::invalidArgument(
          "cannot write " + where.describe() + ": it has " + std::to_string(repetitions) +
          " repetitions but the interchange has no repetition separator (X12 before version "
          "00402, EDIFACT before syntax version 4); write one value or choose a repetition "
          "separator"));
    }
    for (size_t r = 0; r < repetitions; ++r) {
      if (r > 0) out += delimiters_.repetition;
      where.repetition = static_cast<uint32_t>(r + 1);
      const size_t components = segment.componentCount(e, r);
      if (components > 1 && fixedWidthHeader) {
        where.component = 0;
        return fail(core::Status::invalidArgument("cannot write " + where.describe() +
                                                  ": the interchange header takes simple "
                                                  "values only, not components"));
      }
      for (size_t c = 0; c < components; ++c) {
        if (c > 0) out += delimiters_.component;
        where.component = components > 1 ? static_cast<uint32_t>(c + 1) : 0;
        core::Status s = appendValue(segment.value(e, r, c), where, fixedWidthHeader, out);
        if (!s.isOk()) return fail(std::move(s));
      }
    }
    where.repetition = 0;
    where.component = 0;
  }
  out += delimiters_.segment;
  if (lineBreaks_ && delimiters_.segment != '\n') out += '\n';
  return core::Status::ok();
}

void SegmentEncoder::appendRaw(std::string_view bytes, std::string& out) const {
  out += bytes;
  if (lineBreaks_ && delimiters_.segment != '\n') out += '\n';
}

}  // namespace bridge::parsers::edi
