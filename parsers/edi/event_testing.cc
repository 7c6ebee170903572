#include "parsers/edi/event_testing.h"

#include <nlohmann/json.hpp>

namespace bridge::parsers::edi::event_testing {

namespace {

std::string describeChars(const Delimiters& d) {
  std::string out;
  for (char c : {d.element, d.component, d.repetition, d.segment, d.release, d.decimal}) {
    out += c == 0 ? std::string("-") : std::string(1, c);
  }
  return out;
}

}  // namespace

std::string describeSegment(const Segment& segment) {
  nlohmann::json elements = nlohmann::json::array();
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    nlohmann::json reps = nlohmann::json::array();
    for (size_t r = 0; r < segment.repetitionCount(e); ++r) {
      nlohmann::json components = nlohmann::json::array();
      for (size_t c = 0; c < segment.componentCount(e, r); ++c) {
        components.push_back(std::string(segment.value(e, r, c)));
      }
      reps.push_back(components.size() == 1 ? components[0] : components);
    }
    elements.push_back(reps.size() == 1 ? reps[0] : nlohmann::json{{"repeats", reps}});
  }
  return std::string(segment.tag()) +
         elements.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void EventLog::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  lines.push_back("interchange " + std::string(standardName(info.standard)) + " " +
                  describeChars(info.delimiters) + (info.serviceStringAdvice ? " una" : "") +
                  (info.hasHeader ? " " + describeSegment(header) : " no-header"));
}
void EventLog::onInterchangeEnd(const Segment* trailer) {
  lines.push_back("end-interchange " + (trailer ? describeSegment(*trailer) : "null"));
}
void EventLog::onGroupStart(const Segment& header) {
  lines.push_back("group " + describeSegment(header));
}
void EventLog::onGroupEnd(const Segment* trailer) {
  lines.push_back("end-group " + (trailer ? describeSegment(*trailer) : "null"));
}
void EventLog::onTransactionStart(const Segment& header) {
  lines.push_back("transaction " + describeSegment(header));
}
void EventLog::onTransactionEnd(const Segment* trailer) {
  lines.push_back("end-transaction " + (trailer ? describeSegment(*trailer) : "null"));
}
void EventLog::onSegment(const Segment& segment) {
  lines.push_back("segment " + describeSegment(segment));
}
void EventLog::onFinding(const core::Finding& finding) {
  findings.push_back(finding);
  lines.push_back("finding " + std::string(core::severityName(finding.severity)) + " " +
                  finding.code);
}

bool EventLog::hasError() const {
  for (const core::Finding& f : findings) {
    if (f.isError()) return true;
  }
  return false;
}

void Tee::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  first_.onInterchangeStart(info, header);
  second_.onInterchangeStart(info, header);
}
void Tee::onInterchangeEnd(const Segment* trailer) {
  first_.onInterchangeEnd(trailer);
  second_.onInterchangeEnd(trailer);
}
void Tee::onGroupStart(const Segment& header) {
  first_.onGroupStart(header);
  second_.onGroupStart(header);
}
void Tee::onGroupEnd(const Segment* trailer) {
  first_.onGroupEnd(trailer);
  second_.onGroupEnd(trailer);
}
void Tee::onTransactionStart(const Segment& header) {
  first_.onTransactionStart(header);
  second_.onTransactionStart(header);
}
void Tee::onTransactionEnd(const Segment* trailer) {
  first_.onTransactionEnd(trailer);
  second_.onTransactionEnd(trailer);
}
void Tee::onSegment(const Segment& segment) {
  first_.onSegment(segment);
  second_.onSegment(segment);
}
void Tee::onFinding(const core::Finding& finding) {
  first_.onFinding(finding);
  second_.onFinding(finding);
}

EventScript& EventScript::interchange(const InterchangeInfo& info, OwnedSegment header) {
  steps_.push_back({Kind::kInterchange, info, std::move(header)});
  return *this;
}
EventScript& EventScript::endInterchange(std::optional<OwnedSegment> trailer) {
  steps_.push_back({Kind::kEndInterchange, {}, std::move(trailer)});
  return *this;
}
EventScript& EventScript::group(OwnedSegment header) {
  steps_.push_back({Kind::kGroup, {}, std::move(header)});
  return *this;
}
EventScript& EventScript::endGroup(std::optional<OwnedSegment> trailer) {
  steps_.push_back({Kind::kEndGroup, {}, std::move(trailer)});
  return *this;
}
EventScript& EventScript::transaction(OwnedSegment header) {
  steps_.push_back({Kind::kTransaction, {}, std::move(header)});
  return *this;
}
EventScript& EventScript::endTransaction(std::optional<OwnedSegment> trailer) {
  steps_.push_back({Kind::kEndTransaction, {}, std::move(trailer)});
  return *this;
}
EventScript& EventScript::segment(OwnedSegment segment) {
  steps_.push_back({Kind::kSegment, {}, std::move(segment)});
  return *this;
}

void EventScript::play(EventHandler& handler) const {
  Segment view;
  for (const Step& step : steps_) {
    const Segment* segment = nullptr;
    if (step.segment) {
      step.segment->view(view);
      segment = &view;
    }
    switch (step.kind) {
      case Kind::kInterchange:
        if (segment == nullptr) view.clear();
        handler.onInterchangeStart(step.info, view);
        break;
      case Kind::kEndInterchange:
        handler.onInterchangeEnd(segment);
        break;
      case Kind::kGroup:
        handler.onGroupStart(view);
        break;
      case Kind::kEndGroup:
        handler.onGroupEnd(segment);
        break;
      case Kind::kTransaction:
        handler.onTransactionStart(view);
        break;
      case Kind::kEndTransaction:
        handler.onTransactionEnd(segment);
        break;
      case Kind::kSegment:
        handler.onSegment(view);
        break;
    }
  }
}

InterchangeInfo x12Info() {
  InterchangeInfo info;
  info.standard = Standard::kX12;
  info.delimiters.element = '*';
  info.delimiters.component = '>';
  info.delimiters.repetition = '^';
  info.delimiters.segment = '~';
  return info;
}

InterchangeInfo edifactInfo() {
  InterchangeInfo info;
  info.standard = Standard::kEdifact;
  info.delimiters.element = '+';
  info.delimiters.component = ':';
  info.delimiters.release = '?';
  info.delimiters.segment = '\'';
  info.delimiters.decimal = '.';
  return info;
}

OwnedSegment x12Isa(const std::string& control, const std::string& version,
                    const std::string& isa11) {
  return OwnedSegment::simple(
      "ISA", {"00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ",
              "RECEIVER       ", "240101", "1200", isa11, version, control, "0", "P", ">"});
}

}  // namespace bridge::parsers::edi::event_testing
