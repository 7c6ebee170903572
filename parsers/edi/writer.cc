#include "parsers/edi/writer.h"

#include <utility>

namespace bridge::parsers::edi {

namespace {

// ISA11 became the repetition separator in version 00402; before, it is the
// standards identifier ("U") and must stay as given.
constexpr std::string_view kFirstX12VersionWithRepetition = "00402";
constexpr size_t kIsaElements = 16;

// True when `text` is the decimal spelling of `count`, leading zeros allowed.
bool spellsCount(std::string_view text, uint64_t count) {
  if (text.empty()) return false;
  size_t i = 0;
  while (i + 1 < text.size() && text[i] == '0') ++i;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return text.substr(i) == std::to_string(count);
}

std::string_view trailerTag(Standard standard, int level) {
  static constexpr std::string_view kX12[] = {"SE", "GE", "IEA"};
  static constexpr std::string_view kEdifact[] = {"UNT", "UNE", "UNZ"};
  return standard == Standard::kX12 ? kX12[level] : kEdifact[level];
}

// Control number positions (0-based) in the headers.
constexpr size_t kIsa13 = 12, kGs06 = 5, kSt02 = 1;
constexpr size_t kUnb0020 = 4, kUng0048 = 4, kUnh0062 = 0;

// The ISA as given, with ISA11 / ISA16 following the delimiters actually used.
OwnedSegment isaFor(const Segment& header, const Delimiters& d) {
  OwnedSegment isa = OwnedSegment::from(header);
  if (isa.elements.size() != kIsaElements) return isa;
  isa.elements[15] = {{std::string(1, d.component)}};
  if (d.repetition != 0 && isa.element(11) >= kFirstX12VersionWithRepetition) {
    isa.elements[10] = {{std::string(1, d.repetition)}};
  }
  return isa;
}

}  // namespace

Writer::Writer(std::ostream& out, WriterOptions options)
    : out_(out), options_(std::move(options)) {}

void Writer::fail(core::Status status) {
  if (status_.isOk()) status_ = std::move(status);
}

void Writer::emit(const Segment& segment, bool fixedWidthHeader) {
  if (!status_.isOk()) return;
  if (!haveEncoder_) {
    fail(core::Status::invalidArgument(
        "cannot write segment " + std::to_string(segmentsWritten_ + 1) + " (" +
        std::string(segment.tag()) +
        "): it comes before any interchange header, so its delimiters are unknown"));
    return;
  }
  buffer_.clear();
  core::Status s = encoder_.encode(segment, segmentsWritten_ + 1, buffer_, fixedWidthHeader);
  if (!s.isOk()) {
    fail(std::move(s));
    return;
  }
  ++segmentsWritten_;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  if (!out_) fail(core::Status::ioError("cannot write the EDI output: the output stream failed"));
}

void Writer::emitRaw(const std::string& bytes) {
  if (!status_.isOk()) return;
  buffer_.clear();
  encoder_.appendRaw(bytes, buffer_);
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  if (!out_) fail(core::Status::ioError("cannot write the EDI output: the output stream failed"));
}

void Writer::emitTrailer(Level level, const Segment* given, uint64_t count,
                         const std::string& control) {
  if (!options_.computeTrailers) {
    if (given != nullptr) emit(*given);
    return;
  }
  if (given == nullptr && level == Level::kInterchange && !hasHeader_) return;
  OwnedSegment trailer;
  if (given != nullptr) {
    trailer = OwnedSegment::from(*given);
  } else {
    trailer.tag = std::string(trailerTag(encoder_.standard(), static_cast<int>(level)));
  }
  if (trailer.elements.size() < 2) trailer.elements.resize(2, {{""}});
  if (!spellsCount(trailer.element(0), count)) trailer.elements[0] = {{std::to_string(count)}};
  trailer.elements[1] = {{control}};
  trailer.view(scratch_);
  emit(scratch_);
}

void Writer::onInterchangeStart(const InterchangeInfo& info, const Segment& header) {
  if (!status_.isOk()) return;
  const Delimiters delimiters = options_.delimiters.value_or(info.delimiters);
  if (core::Status s = checkDelimiters(info.standard, delimiters); !s.isOk()) {
    fail(core::Status::invalidArgument("cannot write interchange " +
                                       std::to_string(interchangesStarted_ + 1) + ": " +
                                       s.message()));
    return;
  }
  ++interchangesStarted_;
  encoder_ = SegmentEncoder(info.standard, delimiters, options_.lineBreaks);
  haveEncoder_ = true;
  hasHeader_ = info.hasHeader;
  interchangeGroups_ = 0;
  interchangeLooseTransactions_ = 0;
  inGroup_ = false;
  interchangeControl_.clear();
  if (info.standard == Standard::kX12) {
    if (!info.hasHeader) return;
    OwnedSegment isa = isaFor(header, delimiters);
    interchangeControl_ = std::string(isa.element(kIsa13));
    isa.view(scratch_);
    emit(scratch_, /*fixedWidthHeader=*/true);
    return;
  }
  if (info.serviceStringAdvice || !isDefaultEdifact(delimiters)) {
    emitRaw(serviceStringAdvice(delimiters));
  }
  if (info.hasHeader) {
    interchangeControl_ = std::string(header.element(kUnb0020));
    emit(header);
  }
}

void Writer::onInterchangeEnd(const Segment* trailer) {
  if (!haveEncoder_) return;
  const uint64_t count = encoder_.standard() == Standard::kX12
                             ? interchangeGroups_
                             : interchangeGroups_ + interchangeLooseTransactions_;
  emitTrailer(Level::kInterchange, trailer, count, interchangeControl_);
}

void Writer::onGroupStart(const Segment& header) {
  const bool x12 = encoder_.standard() == Standard::kX12;
  groupControl_ = std::string(header.element(x12 ? kGs06 : kUng0048));
  groupTransactions_ = 0;
  inGroup_ = true;
  ++interchangeGroups_;
  emit(header);
}

void Writer::onGroupEnd(const Segment* trailer) {
  if (haveEncoder_) emitTrailer(Level::kGroup, trailer, groupTransactions_, groupControl_);
  inGroup_ = false;
}

void Writer::onTransactionStart(const Segment& header) {
  const bool x12 = encoder_.standard() == Standard::kX12;
  transactionControl_ = std::string(header.element(x12 ? kSt02 : kUnh0062));
  transactionSegments_ = 1;
  if (inGroup_) {
    ++groupTransactions_;
  } else {
    ++interchangeLooseTransactions_;
  }
  emit(header);
}

void Writer::onTransactionEnd(const Segment* trailer) {
  if (haveEncoder_) {
    emitTrailer(Level::kTransaction, trailer, transactionSegments_ + 1, transactionControl_);
  }
}

void Writer::onSegment(const Segment& segment) {
  ++transactionSegments_;
  emit(segment);
}

core::Status write(const TransactionTree& tree, std::ostream& out, const WriterOptions& options) {
  Writer writer(out, options);
  const bool x12 = tree.interchange.standard == Standard::kX12;
  Segment view;
  tree.interchangeHeader.view(view);
  writer.onInterchangeStart(tree.interchange, view);
  if (tree.groupHeader) {
    tree.groupHeader->view(view);
    writer.onGroupStart(view);
  }
  tree.header.view(view);
  writer.onTransactionStart(view);
  for (const OwnedSegment& segment : tree.segments) {
    segment.view(view);
    writer.onSegment(view);
  }
  if (tree.trailer) {
    tree.trailer->view(view);
    writer.onTransactionEnd(&view);
  } else {
    writer.onTransactionEnd(nullptr);
  }
  // The tree holds no envelope trailers: build them, so that they are written
  // even when options.computeTrailers is off.
  if (tree.groupHeader) {
    OwnedSegment trailer = OwnedSegment::simple(
        x12 ? "GE" : "UNE", {"1", std::string(tree.groupHeader->element(x12 ? kGs06 : kUng0048))});
    trailer.view(view);
    writer.onGroupEnd(&view);
  }
  if (tree.interchange.hasHeader) {
    OwnedSegment trailer = OwnedSegment::simple(
        x12 ? "IEA" : "UNZ",
        {"1", std::string(tree.interchangeHeader.element(x12 ? kIsa13 : kUnb0020))});
    trailer.view(view);
    writer.onInterchangeEnd(&view);
  } else {
    writer.onInterchangeEnd(nullptr);
  }
  return writer.status();
}

core::Status write(const OwnedSegment& segment, const InterchangeInfo& info, std::ostream& out,
                   const WriterOptions& options) {
  const Delimiters delimiters = options.delimiters.value_or(info.delimiters);
  if (core::Status s = checkDelimiters(info.standard, delimiters); !s.isOk()) return s;
  SegmentEncoder encoder(info.standard, delimiters, options.lineBreaks);
  const bool isa = info.standard == Standard::kX12 && segment.tag == "ISA";
  Segment view;
  OwnedSegment patched;
  if (isa) {
    segment.view(view);
    patched = isaFor(view, delimiters);
    patched.view(view);
  } else {
    segment.view(view);
  }
  std::string bytes;
  if (core::Status s = encoder.encode(view, 1, bytes, isa); !s.isOk()) return s;
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) return core::Status::ioError("cannot write the EDI output: the output stream failed");
  return core::Status::ok();
}

}  // namespace bridge::parsers::edi
