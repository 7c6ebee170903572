#include "parsers/edi/json_codec.h"

#include <nlohmann/json.hpp>

#include "parsers/edi/json_segment.h"

namespace bridge::parsers::edi {

namespace {

std::string quoted(std::string_view text) { return nlohmann::json(std::string(text)).dump(); }

std::string atLine(const Segment& segment) {
  return segment.line() > 0 ? " at line " + std::to_string(segment.line()) : std::string();
}

}  // namespace

JsonPrinter::JsonPrinter(std::ostream& out, JsonPrinterOptions options)
    : json_(out, options.pretty), out_(out), options_(options) {
  json_.beginObject();
  json_.key("format");
  json_.raw(quoted(kJsonFormat));
  json_.key("interchanges");
  json_.beginArray();
}

std::string JsonPrinter::serialize(const Segment& segment) {
  return segmentToJson(segment, options_.lines, invalidUtf8_);
}

void JsonPrinter::writeSegmentOrNull(const Segment* segment) {
  json_.raw(segment != nullptr ? serialize(*segment) : std::string("null"));
}

void JsonPrinter::leaveOut(std::string message) {
  if (status_.isOk()) status_ = core::Status::invalidArgument(std::move(message));
}

void JsonPrinter::openInterchange(const InterchangeInfo& info, const Segment* header) {
  if (inInterchange_) closeInterchange(nullptr);
  lastInfo_ = info;
  ++interchangeNumber_;
  inInterchange_ = true;
  section_ = Section::kNone;
  groupsWritten_ = false;
  transactionsWritten_ = false;
  interchangeSegments_.clear();
  json_.beginObject();
  json_.key("standard");
  json_.raw(quoted(standardName(info.standard)));
  json_.key("delimiters");
  json_.raw(delimitersToJson(info.delimiters).dump());
  json_.key("serviceStringAdvice");
  json_.raw(info.serviceStringAdvice ? "true" : "false");
  json_.key("header");
  writeSegmentOrNull(header);
}

// Content outside any interchange goes into an interchange object without
// header, with the delimiters it was read with.
void JsonPrinter::ensureInterchange() {
  if (inInterchange_) return;
  InterchangeInfo info = lastInfo_.value_or(InterchangeInfo{});
  info.hasHeader = false;
  info.serviceStringAdvice = false;
  openInterchange(info, nullptr);
}

bool JsonPrinter::enterSection(Section section, std::string_view what) {
  if (section_ == section) return true;
  const bool written = section == Section::kGroups ? groupsWritten_ : transactionsWritten_;
  if (written) {
    leaveOut("interchange " + std::to_string(interchangeNumber_) + ": " + std::string(what) +
             " comes after " +
             (section == Section::kGroups ? "transactions outside any group"
                                          : "a group that follows transactions outside groups") +
             "; parse-v1 lists groups and ungrouped transactions apart, so it is left out of "
             "the JSON");
    return false;
  }
  if (section_ != Section::kNone) json_.endArray();
  json_.key(section == Section::kGroups ? "groups" : "transactions");
  json_.beginArray();
  (section == Section::kGroups ? groupsWritten_ : transactionsWritten_) = true;
  section_ = section;
  return true;
}

void JsonPrinter::hold(std::vector<std::string>& held, const Segment& segment,
                       std::string_view where) {
  if (held.size() >= options_.maxHeldSegments) {
    leaveOut("interchange " + std::to_string(interchangeNumber_) + ": more than " +
             std::to_string(options_.maxHeldSegments) + " segments outside transactions in " +
             std::string(where) + "; the segment" + atLine(segment) + " (" +
             std::string(segment.tag()) + ") and later ones are left out of the JSON");
    return;
  }
  held.push_back(serialize(segment));
}

void JsonPrinter::writeHeld(std::string_view key, std::vector<std::string>& held, bool always) {
  if (held.empty() && !always) return;
  json_.key(key);
  json_.beginArray();
  for (const std::string& segment : held) json_.raw(segment);
  json_.endArray();
  held.clear();
}

void JsonPrinter::closeTransaction(const Segment* trailer) {
  json_.endArray();
  json_.key("trailer");
  writeSegmentOrNull(trailer);
  json_.endObject();
  inTransaction_ = false;
}

void JsonPrinter::closeGroup(const Segment* trailer) {
  if (inTransaction_) closeTransaction(nullptr);
  json_.endArray();
  writeHeld("segments", groupSegments_, false);
  json_.key("trailer");
  writeSegmentOrNull(trailer);
  json_.endObject();
  inGroup_ = false;
}

void JsonPrinter::closeInterchange(const Segment* trailer) {
  if (inGroup_) closeGroup(nullptr);
  if (inTransaction_) closeTransaction(nullptr);
  if (section_ != Section::kNone) json_.endArray();
  section_ = Section::kNone;
  for (auto [key, written] :
       {std::pair{"groups", groupsWritten_}, std::pair{"transactions", transactionsWritten_}}) {
    if (written) continue;
    json_.key(key);
    json_.beginArray();
    json_.endArray();
  }
  writeHeld("segments", interchangeSegments_, true);
  json_.key("trailer");
  writeSegmentOrNull(trailer);
  json_.endObject();
  inInterchange_ = false;
}

void JsonPrinter::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  if (finished_) return;
  skipping_ = 0;
  openInterchange(info, info.hasHeader ? &header : nullptr);
}

void JsonPrinter::onInterchangeEnd(const Segment* trailer) {
  if (finished_) return;
  skipping_ = 0;
  if (inInterchange_) closeInterchange(trailer);
}

void JsonPrinter::onGroupStart(const Segment& header) {
  if (finished_ || skipping_ != 0) return;
  ensureInterchange();
  if (inGroup_) closeGroup(nullptr);
  if (inTransaction_) closeTransaction(nullptr);
  if (!enterSection(Section::kGroups, "the group" + atLine(header))) {
    skipping_ = 2;
    return;
  }
  json_.beginObject();
  json_.key("header");
  json_.raw(serialize(header));
  json_.key("transactions");
  json_.beginArray();
  inGroup_ = true;
  groupSegments_.clear();
}

void JsonPrinter::onGroupEnd(const Segment* trailer) {
  if (finished_) return;
  if (skipping_ != 0) {
    skipping_ = 0;
    return;
  }
  if (inGroup_) closeGroup(trailer);
}

void JsonPrinter::onTransactionStart(const Segment& header) {
  if (finished_ || skipping_ != 0) return;
  ensureInterchange();
  if (inTransaction_) closeTransaction(nullptr);
  if (!inGroup_ && !enterSection(Section::kTransactions, "the transaction" + atLine(header))) {
    skipping_ = 1;
    return;
  }
  json_.beginObject();
  json_.key("header");
  json_.raw(serialize(header));
  json_.key("segments");
  json_.beginArray();
  inTransaction_ = true;
}

void JsonPrinter::onTransactionEnd(const Segment* trailer) {
  if (finished_) return;
  if (skipping_ != 0) {
    if (skipping_ == 1) skipping_ = 0;
    return;
  }
  if (inTransaction_) closeTransaction(trailer);
}

void JsonPrinter::onSegment(const Segment& segment) {
  if (finished_ || skipping_ != 0) return;
  if (inTransaction_) {
    json_.raw(serialize(segment));
  } else if (inGroup_) {
    hold(groupSegments_, segment, "a group");
  } else {
    ensureInterchange();
    hold(interchangeSegments_, segment, "the interchange");
  }
}

void JsonPrinter::finish() {
  if (finished_) return;
  finished_ = true;
  if (inInterchange_) closeInterchange(nullptr);
  json_.endArray();
  json_.endObject();
  out_.put('\n');
  out_.flush();
  if (!out_ && status_.isOk()) {
    status_ = core::Status::ioError("cannot write the JSON output: the output stream failed");
  }
}

}  // namespace bridge::parsers::edi
