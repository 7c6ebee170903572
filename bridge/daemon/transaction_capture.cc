#include "bridge/daemon/transaction_capture.h"

#include "parsers/edi/json_segment.h"

namespace bridge::daemon {

using parsers::edi::Segment;

namespace {

std::string elementText(const Segment& segment, size_t e) {
  return std::string(segment.element(e));
}

// Component `c` of the first repetition of element `e`, or "" when absent.
std::string componentText(const Segment& segment, size_t e, size_t c) {
  if (e >= segment.elementCount() || segment.repetitionCount(e) == 0 ||
      c >= segment.componentCount(e, 0)) {
    return {};
  }
  return std::string(segment.value(e, 0, c));
}

}  // namespace

std::string TransactionCapture::segmentJson(const Segment& segment) {
  return parsers::edi::segmentToJson(segment, true, invalidUtf8_);
}

void TransactionCapture::onInterchangeStart(const parsers::edi::InterchangeInfo& info,
                                            const Segment& header) {
  ++interchanges_;
  sequence_ = 0;
  inInterchange_ = true;
  interchangeOpen_ = "{\"standard\":\"";
  interchangeOpen_.append(parsers::edi::standardName(info.standard));
  interchangeOpen_.append("\",\"delimiters\":");
  interchangeOpen_.append(parsers::edi::delimitersToJson(info.delimiters).dump());
  interchangeOpen_.append(",\"serviceStringAdvice\":");
  interchangeOpen_.append(info.serviceStringAdvice ? "true" : "false");
  interchangeOpen_.append(",\"header\":");
  interchangeOpen_.append(info.hasHeader ? segmentJson(header) : std::string("null"));
  interchangeOpen_.append(",\"segments\":[],");
  ForwardingHandler::onInterchangeStart(info, header);
}

void TransactionCapture::onInterchangeEnd(const Segment* trailer) {
  inInterchange_ = false;
  ForwardingHandler::onInterchangeEnd(trailer);
}

void TransactionCapture::onGroupStart(const Segment& header) {
  inGroup_ = true;
  groupHeader_ = segmentJson(header);
  groupControl_ = elementText(header, header.tag() == "GS" ? 5 : 4);
  groupVersion_ = header.tag() == "GS" ? elementText(header, 7) : std::string();
  ForwardingHandler::onGroupStart(header);
}

void TransactionCapture::onGroupEnd(const Segment* trailer) {
  inGroup_ = false;
  groupHeader_.clear();
  groupControl_.clear();
  groupVersion_.clear();
  ForwardingHandler::onGroupEnd(trailer);
}

void TransactionCapture::onTransactionStart(const Segment& header) {
  inTransaction_ = true;
  current_ = CapturedTransaction();
  current_.interchange = interchanges_ == 0 ? 0 : interchanges_ - 1;
  current_.sequence = sequence_++;
  current_.groupControlNumber = groupControl_;
  current_.groupVersion = groupVersion_;
  if (header.tag() == "UNH") {
    current_.controlNumber = elementText(header, 0);
    current_.setId = componentText(header, 1, 0);
    current_.messageVersion = componentText(header, 1, 1);
    current_.messageVersion.append(componentText(header, 1, 2));
  } else {
    current_.setId = elementText(header, 0);
    current_.controlNumber = elementText(header, 1);
  }
  current_.document = segmentJson(header);  // the header, until the transaction ends
  body_.clear();
  ForwardingHandler::onTransactionStart(header);
}

void TransactionCapture::onSegment(const Segment& segment) {
  if (inTransaction_) {
    if (!body_.empty()) body_ += ',';
    body_.append(segmentJson(segment));
  }
  ForwardingHandler::onSegment(segment);
}

void TransactionCapture::onTransactionEnd(const Segment* trailer) {
  if (inTransaction_) {
    std::string txn = "{\"header\":";
    txn.append(current_.document);
    txn.append(",\"segments\":[");
    txn.append(body_);
    txn.append("],\"trailer\":");
    txn.append(trailer != nullptr ? segmentJson(*trailer) : std::string("null"));
    txn += '}';

    std::string document = "{\"format\":\"edi-bridge/parse-v1\",\"interchanges\":[";
    document.append(inInterchange_ ? interchangeOpen_
                                   : std::string("{\"standard\":\"unknown\",\"header\":null,"
                                                 "\"segments\":[],"));
    if (inGroup_) {
      document.append("\"groups\":[{\"header\":");
      document.append(groupHeader_);
      document.append(",\"transactions\":[");
      document.append(txn);
      document.append("],\"trailer\":null}],\"transactions\":[]");
    } else {
      document.append("\"groups\":[],\"transactions\":[");
      document.append(txn);
      document += ']';
    }
    document.append(",\"trailer\":null}]}");
    current_.document = std::move(document);
    transactions_.push_back(std::move(current_));
    current_ = CapturedTransaction();
    body_.clear();
  }
  inTransaction_ = false;
  ForwardingHandler::onTransactionEnd(trailer);
}

}  // namespace bridge::daemon
