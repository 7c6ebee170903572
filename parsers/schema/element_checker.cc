#include "parsers/schema/element_checker.h"

#include <algorithm>

#include "parsers/edi/quote.h"
#include "parsers/edi/value_rules.h"
#include "parsers/schema/finding_codes.h"

namespace bridge::parsers::schema {
namespace {

bool isEmptyElement(const edi::Segment& segment, size_t index) {
  for (size_t r = 0; r < segment.repetitionCount(index); ++r) {
    for (size_t c = 0; c < segment.componentCount(index, r); ++c) {
      if (!segment.value(index, r, c).empty()) return false;
    }
  }
  return true;
}

bool isEmptyRepetition(const edi::Segment& segment, size_t index, size_t repetition) {
  for (size_t c = 0; c < segment.componentCount(index, repetition); ++c) {
    if (!segment.value(index, repetition, c).empty()) return false;
  }
  return true;
}

bool isNumericType(ElementType type) {
  return type == ElementType::kNumeric || type == ElementType::kDecimal;
}

// X12 Nn: an optional minus and digits. X12 R and EDIFACT n: an optional
// minus, digits and at most one decimal mark (EDIFACT allows '.' or ','),
// with at least one digit; R may carry an exponent from 005010 on.
bool isNumber(std::string_view value, bool decimalAllowed, bool exponentAllowed) {
  size_t i = 0;
  if (i < value.size() && value[i] == '-') ++i;
  bool digits = false;
  bool mark = false;
  for (; i < value.size(); ++i) {
    const char c = value[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if ((c == '.' || c == ',') && decimalAllowed && !mark) {
      mark = true;
    } else if ((c == 'E' || c == 'e') && exponentAllowed && digits) {
      ++i;
      if (i < value.size() && value[i] == '-') ++i;
      return i < value.size() && edi::isDigits(value.substr(i));
    } else {
      return false;
    }
  }
  return digits;
}

bool hasControlCharacter(std::string_view value) {
  return std::any_of(value.begin(), value.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool inDefinitionCodes(const ElementDef& def, std::string_view value) {
  if (containsCode(def.codes, def.codeIndex, value)) return true;
  if (def.codeIndex.complete) return false;  // the index covered the ranges too
  for (const auto& [from, to] : def.codeRanges) {
    if (value.size() == from.size() && value >= from && value <= to) return true;
  }
  return false;
}

std::string describeReference(const ElementRef& ref) {
  if (ref.element != nullptr) {
    return ref.element->name.empty() ? ref.element->id
                                     : ref.element->id + " (" + ref.element->name + ")";
  }
  if (ref.composite != nullptr) {
    return ref.composite->name.empty() ? ref.composite->id
                                       : ref.composite->id + " (" + ref.composite->name + ")";
  }
  return "?";
}

// The position as the standard writes it: X12 "BEG02", EDIFACT "BGM 010".
std::string positionName(edi::Standard standard, std::string_view tag, uint32_t element,
                         uint32_t component) {
  std::string out(tag);
  if (standard == edi::Standard::kEdifact) {
    std::string pos = std::to_string(element * 10);
    out += " " + std::string(3 - std::min<size_t>(3, pos.size()), '0') + pos;
    if (component > 0) out += " component " + std::to_string(component);
    return out;
  }
  if (element < 10) out += "0";
  out += std::to_string(element);
  if (component > 0) out += (component < 10 ? "-0" : "-") + std::to_string(component);
  return out;
}

std::string noteName(const Note& note) {
  return note.text.empty() ? "relational condition" : note.text;
}

}  // namespace

uint32_t valueLength(std::string_view value, ElementType type) {
  uint32_t length = 0;
  for (char c : value) {
    if (isNumericType(type) && (c == '-' || c == '.' || c == ',')) continue;
    // Count UTF-8 code points: continuation bytes do not start a character.
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++length;
  }
  return length;
}

void ElementChecker::check(const edi::Segment& segment, const SegmentDef& definition,
                           ElementProblemSink& sink) {
  tag_ = segment.tag();
  const size_t count = segment.elementCount();
  const size_t defined = definition.elements.size();
  // Trailing empty elements are tolerated: only data beyond the last
  // defined position is an error.
  for (size_t i = defined; i < count; ++i) {
    if (isEmptyElement(segment, i)) continue;
    ElementProblem problem;
    problem.code = codes::kTooManyElements;
    problem.element = static_cast<uint32_t>(i + 1);
    problem.value = segment.value(i, 0, 0);
    problem.message = definition.tag + " has data in element " + std::to_string(i + 1) +
                      ", but the segment defines " + std::to_string(defined) +
                      " elements; remove the extra data or check for a stray separator";
    sink.onElementProblem(problem);
    break;
  }
  std::vector<bool>& present = presentElements_;
  present.assign(defined, false);
  for (size_t i = 0; i < defined; ++i) {
    present[i] = i < count && !isEmptyElement(segment, i);
    checkPosition(segment, i, present[i], definition.elements[i], sink);
  }
  checkNotes(definition.notes, present, definition.elements, 0, definition.tag, sink);
}

void ElementChecker::checkPosition(const edi::Segment& segment, size_t index, bool present,
                                   const ElementRef& ref, ElementProblemSink& sink) {
  const uint32_t position = static_cast<uint32_t>(index + 1);
  const std::string_view tag = segment.tag();
  ElementProblem where;
  where.element = position;
  where.reference = ref.id();
  if (!present) {
    if (ref.usage == Usage::kMandatory) {
      where.code = codes::kMandatoryElementMissing;
      where.message = positionName(standard_, tag, position, 0) + " " + describeReference(ref) +
                      " is mandatory but missing; fill it in";
      sink.onElementProblem(where);
    }
    return;
  }
  if (ref.usage == Usage::kNotUsed) {
    where.code = codes::kNotUsedElement;
    where.value = segment.value(index, 0, 0);
    where.message = positionName(standard_, tag, position, 0) + " " + describeReference(ref) +
                    " is marked not used by the implementation guide but has data; leave it empty";
    sink.onElementProblem(where);
    return;
  }
  const size_t repetitions = segment.repetitionCount(index);
  if (repetitions > ref.repeat) {
    where.code = codes::kTooManyRepetitions;
    where.repetition = static_cast<uint32_t>(ref.repeat + 1);
    where.message = positionName(standard_, tag, position, 0) + " repeats " +
                    std::to_string(repetitions) + " times; at most " + std::to_string(ref.repeat) +
                    " allowed";
    sink.onElementProblem(where);
  }
  for (size_t r = 0; r < repetitions && r < ref.repeat; ++r) {
    if (isEmptyRepetition(segment, index, r)) continue;
    if (ref.composite != nullptr) {
      checkComposite(segment, index, r, ref, sink);
      continue;
    }
    ElementProblem at = where;
    if (repetitions > 1) at.repetition = static_cast<uint32_t>(r + 1);
    if (segment.componentCount(index, r) > 1) {
      at.code = codes::kTooManyComponents;
      at.component = 2;
      at.value = segment.value(index, r, 1);
      at.message = positionName(standard_, tag, position, 0) + " " + describeReference(ref) +
                   " is a simple element but has components; remove the component separator";
      sink.onElementProblem(at);
      continue;
    }
    checkValue(segment.value(index, r, 0), ref, *ref.element, at, true, sink);
  }
}

void ElementChecker::checkComposite(const edi::Segment& segment, size_t index, size_t repetition,
                                    const ElementRef& ref, ElementProblemSink& sink) {
  const CompositeDef& composite = *ref.composite;
  const uint32_t position = static_cast<uint32_t>(index + 1);
  const size_t count = segment.componentCount(index, repetition);
  const size_t defined = composite.components.size();
  const uint32_t repetitionNumber =
      segment.repetitionCount(index) > 1 ? static_cast<uint32_t>(repetition + 1) : 0;
  for (size_t c = defined; c < count; ++c) {
    if (segment.value(index, repetition, c).empty()) continue;
    ElementProblem problem;
    problem.code = codes::kTooManyComponents;
    problem.element = position;
    problem.component = static_cast<uint32_t>(c + 1);
    problem.repetition = repetitionNumber;
    problem.reference = composite.id;
    problem.value = segment.value(index, repetition, c);
    problem.message = positionName(standard_, segment.tag(), position, 0) + " " +
                      describeReference(ref) + " has " + std::to_string(count) +
                      " components; it defines " + std::to_string(defined);
    sink.onElementProblem(problem);
    break;
  }
  // EDIFACT: a composite that names a code list agency other than UN/ECE (3055
  // other than 6) takes its codes from that agency's list, not the directory's.
  bool unCodes = true;
  if (standard_ == edi::Standard::kEdifact) {
    for (size_t c = 0; c < defined && c < count; ++c) {
      const ElementDef* def = composite.components[c].element;
      if (def != nullptr && def->id == "3055") {
        const std::string_view agency = segment.value(index, repetition, c);
        unCodes = agency.empty() || agency == "6";
      }
    }
  }
  std::vector<bool>& present = presentComponents_;
  present.assign(defined, false);
  for (size_t c = 0; c < defined; ++c) {
    const ElementRef& component = composite.components[c];
    const std::string_view value =
        c < count ? segment.value(index, repetition, c) : std::string_view();
    present[c] = !value.empty();
    ElementProblem where;
    where.element = position;
    where.component = static_cast<uint32_t>(c + 1);
    where.repetition = repetitionNumber;
    where.reference = component.id();
    if (value.empty()) {
      if (component.usage == Usage::kMandatory) {
        where.code = codes::kMandatoryElementMissing;
        where.message = positionName(standard_, segment.tag(), position, where.component) + " " +
                        describeReference(component) + " is mandatory in " +
                        describeReference(ref) + " but missing; fill it in";
        sink.onElementProblem(where);
      }
      continue;
    }
    if (component.usage == Usage::kNotUsed) {
      where.code = codes::kNotUsedElement;
      where.value = value;
      where.message = positionName(standard_, segment.tag(), position, where.component) +
                      " is marked not used by the implementation guide but has data; leave it "
                      "empty";
      sink.onElementProblem(where);
      continue;
    }
    if (component.element != nullptr) {
      checkValue(value, component, *component.element, where, unCodes, sink);
    }
  }
  checkNotes(composite.notes, present, composite.components, position, segment.tag(), sink);
}

void ElementChecker::checkValue(std::string_view value, const ElementRef& ref,
                                const ElementDef& def, ElementProblem where, bool codesApply,
                                ElementProblemSink& sink) {
  auto report = [&](const char* code, std::string message) {
    where.code = code;
    where.value = value;
    where.message = std::move(message);
    sink.onElementProblem(where);
  };
  // Built only when something is wrong: most values are fine, and building
  // the name for each of them would cost more than checking it.
  auto label = [&]() {
    return positionName(standard_, tag_, where.element, where.component) + " " +
           (def.name.empty() ? def.id : def.id + " (" + def.name + ")");
  };
  // Type first: a value of the wrong kind makes its length meaningless.
  switch (def.type) {
    case ElementType::kNumeric:
      if (!isNumber(value, standard_ == edi::Standard::kEdifact, false)) {
        report(codes::kInvalidCharacter,
               label() + " must be a number" +
                   (def.decimals > 0 ? " with " + std::to_string(def.decimals) +
                                           " implied decimals (no decimal point)"
                                     : std::string()) +
                   ", not " + edi::quoteValue(value));
        return;
      }
      break;
    case ElementType::kDecimal:
      if (!isNumber(value, true, true) || value.find(',') != std::string_view::npos) {
        report(codes::kInvalidCharacter,
               label() + " must be a decimal number such as 12.50, not " + edi::quoteValue(value));
        return;
      }
      break;
    case ElementType::kDate:
      if (!edi::isCalendarDate(value) || (def.maxLength == 6 && value.size() != 6) ||
          (def.minLength == 8 && value.size() != 8)) {
        report(codes::kInvalidDate, label() + " must be a real date written " +
                                        (def.minLength == 8   ? "CCYYMMDD"
                                         : def.maxLength == 6 ? "YYMMDD"
                                                              : "CCYYMMDD") +
                                        ", not " + edi::quoteValue(value));
        return;
      }
      break;
    case ElementType::kTime:
      if (!edi::isClockTime(value, true, 2)) {
        report(codes::kInvalidTime, label() +
                                        " must be a time written HHMM, HHMMSS or HHMMSSDD, not " +
                                        edi::quoteValue(value));
        return;
      }
      break;
    case ElementType::kAlphabetic:
      if (std::any_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        report(
            codes::kInvalidCharacter,
            label() + " is alphabetic (a) and must not hold digits, not " + edi::quoteValue(value));
        return;
      }
      break;
    case ElementType::kBinary:
      return;  // binary data is counted by its own length element, not checked here
    case ElementType::kAlphanumeric:
    case ElementType::kIdentifier:
      break;
  }
  if (hasControlCharacter(value)) {
    report(codes::kInvalidCharacter,
           label() + " holds a control character; " + edi::quoteValue(value) + " is not allowed");
    return;
  }
  const uint32_t minLength = ref.minLength > 0 ? ref.minLength : def.minLength;
  const uint32_t maxLength = ref.maxLength > 0 ? ref.maxLength : def.maxLength;
  const uint32_t length = valueLength(value, def.type);
  if (maxLength > 0 && length > maxLength) {
    report(codes::kElementTooLong, label() + " is " + std::to_string(length) +
                                       " characters long; at most " + std::to_string(maxLength) +
                                       " allowed: " + edi::quoteValue(value));
    return;
  }
  if (length < minLength) {
    report(codes::kElementTooShort, label() + " is " + std::to_string(length) +
                                        " characters long; at least " + std::to_string(minLength) +
                                        " required: " + edi::quoteValue(value));
    return;
  }
  if (!codesApply || !def.isCoded()) return;
  if (!inDefinitionCodes(def, value)) {
    report(codes::kInvalidCode, label() + " has the value " + edi::quoteValue(value) +
                                    ", which is not a code of its code list");
    return;
  }
  if (!ref.codes.empty() && !containsCode(ref.codes, ref.codeIndex, value)) {
    std::string allowed;
    for (size_t i = 0; i < ref.codes.size() && i < 12; ++i) {
      allowed += (i > 0 ? ", " : "") + ref.codes[i];
    }
    if (ref.codes.size() > 12) allowed += ", ...";
    report(codes::kCodeNotUsed, label() + " has the code " + edi::quoteValue(value) +
                                    ", which the implementation guide does not use here; use " +
                                    allowed);
  }
}

void ElementChecker::checkNotes(const std::vector<Note>& notes, const std::vector<bool>& present,
                                const std::vector<ElementRef>& refs, uint32_t element,
                                std::string_view owner, ElementProblemSink& sink) {
  for (const Note& note : notes) {
    size_t count = 0;
    for (uint32_t p : note.positions) count += p >= 1 && p <= present.size() && present[p - 1];
    const bool first = !note.positions.empty() && note.positions[0] <= present.size() &&
                       present[note.positions[0] - 1];
    const size_t total = note.positions.size();
    bool missing = false;
    bool excluded = false;
    switch (note.rule) {
      case NoteRule::kPaired:
        missing = count > 0 && count < total;
        break;
      case NoteRule::kRequired:
        missing = count == 0;
        break;
      case NoteRule::kExclusion:
        excluded = count > 1;
        break;
      case NoteRule::kConditional:
        missing = first && count < total;
        break;
      case NoteRule::kListConditional:
        missing = first && count < 2;
        break;
      case NoteRule::kOneOnly:
        missing = count == 0;
        excluded = count > 1;
        break;
      case NoteRule::kIfFirstNone:
        excluded = first && count > 1;
        break;
    }
    if (!missing && !excluded) continue;
    // The position reported is the first one that is missing (for a missing
    // condition) or the second one present (for an exclusion), so the
    // acknowledgement points at the element to fix.
    uint32_t at = note.positions.empty() ? 0 : note.positions[0];
    size_t seen = 0;
    for (uint32_t p : note.positions) {
      const bool here = p >= 1 && p <= present.size() && present[p - 1];
      if (missing && !here) {
        at = p;
        break;
      }
      if (excluded && here && ++seen == 2) {
        at = p;
        break;
      }
    }
    std::string positions;
    for (uint32_t p : note.positions) {
      if (!positions.empty()) positions += ", ";
      positions += element > 0 ? positionName(standard_, owner, element, p)
                               : positionName(standard_, owner, p, 0);
    }
    ElementProblem problem;
    problem.code = missing ? codes::kConditionalElementMissing : codes::kExclusionViolated;
    problem.element = element > 0 ? element : at;
    problem.component = element > 0 ? at : 0;
    if (at >= 1 && at <= refs.size()) problem.reference = refs[at - 1].id();
    problem.message =
        noteName(note) + " on " + positions + " is not met: " +
        (missing ? "fill in " + (element > 0 ? positionName(standard_, owner, element, at)
                                             : positionName(standard_, owner, at, 0))
                 : "use only one of them");
    sink.onElementProblem(problem);
  }
}

}  // namespace bridge::parsers::schema
