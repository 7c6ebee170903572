#include "tests/fuzz/reader_fuzz_driver.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"

namespace bridge::fuzz {
namespace {

namespace edi = parsers::edi;

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

uint64_t fnv1a(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// splitmix64: a small deterministic generator, so a crash reproduces from the
// input file alone.
uint64_t nextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// A quarter of the inputs run with a small segment limit, so that the
// "segment too long" path is fuzzed as well; the rest use the defaults.
edi::ReaderOptions optionsFor(std::string_view input) {
  edi::ReaderOptions options;
  if (!input.empty() && static_cast<unsigned char>(input.back()) % 4 == 0) {
    options.maxSegmentBytes = 128 + static_cast<unsigned char>(input.back()) * 8;
  }
  return options;
}

template <typename Feed>
uint64_t runReader(std::string_view input, Feed&& feedAll) {
  EventDigest digest;
  edi::EnvelopeValidator validator(digest);
  edi::Reader reader(validator, optionsFor(input));
  feedAll(reader);
  reader.finish();
  digest.requireClosed();
  return digest.digest();
}

uint64_t readWhole(std::string_view input) {
  return runReader(input, [&](edi::Reader& reader) { reader.feed(input); });
}

uint64_t readInFixedChunks(std::string_view input, size_t chunk) {
  return runReader(input, [&](edi::Reader& reader) {
    for (size_t pos = 0; pos < input.size(); pos += chunk) reader.feed(input.substr(pos, chunk));
  });
}

uint64_t readInRandomChunks(std::string_view input, uint64_t seed) {
  return runReader(input, [&](edi::Reader& reader) {
    uint64_t state = seed;
    size_t pos = 0;
    while (pos < input.size()) {
      uint64_t r = nextRandom(state);
      // Mostly short chunks (boundaries everywhere), sometimes an empty feed,
      // sometimes a long one.
      size_t len = r % 16 == 0 ? 0 : r % 16 == 1 ? 1 + (r >> 8) % 4096 : 1 + (r >> 8) % 64;
      reader.feed(input.substr(pos, len));
      pos += len;
    }
  });
}

uint64_t readSplitOnce(std::string_view input, size_t at) {
  return runReader(input, [&](edi::Reader& reader) {
    reader.feed(input.substr(0, at));
    reader.feed(input.substr(at));
  });
}

uint64_t readThroughStream(std::string_view input, size_t readChunkBytes) {
  EventDigest digest;
  edi::EnvelopeValidator validator(digest);
  edi::ReaderOptions options = optionsFor(input);
  options.readChunkBytes = readChunkBytes;
  std::istringstream in{std::string(input)};
  core::Status status = edi::readStream(in, validator, options);
  if (!status.isOk()) fail("readStream failed on an in-memory stream");
  digest.requireClosed();
  return digest.digest();
}

}  // namespace

void EventDigest::mix(uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    hash_ ^= (value >> (i * 8)) & 0xff;
    hash_ *= 1099511628211ull;
  }
}

void EventDigest::mix(std::string_view bytes) {
  mix(bytes.size());
  for (unsigned char c : bytes) {
    hash_ ^= c;
    hash_ *= 1099511628211ull;
  }
}

void EventDigest::mixSegment(const edi::Segment& segment) {
  mix(segment.tag());
  mix(segment.byteOffset());
  mix(segment.line());
  mix(segment.index());
  mix(segment.byteLength());
  mix(segment.elementCount());
  for (size_t e = 0; e < segment.elementCount(); ++e) {
    size_t repetitions = segment.repetitionCount(e);
    if (repetitions == 0) fail("an element without a repetition");
    mix(repetitions);
    for (size_t r = 0; r < repetitions; ++r) {
      size_t components = segment.componentCount(e, r);
      if (components == 0) fail("a repetition without a component");
      mix(components);
      for (size_t c = 0; c < components; ++c) mix(segment.value(e, r, c));
    }
  }
  ++events_;
}

void EventDigest::open(Level level, const char* event) {
  // A new envelope may only open inside a wider one that is still open.
  if (depth_ > 0 && stack_[depth_ - 1] >= level) fail(event);
  if (depth_ == 3) fail(event);
  stack_[depth_++] = level;
}

void EventDigest::close(Level level, const char* event) {
  if (depth_ == 0 || stack_[depth_ - 1] != level) fail(event);
  stack_[--depth_] = Level::kNone;
}

void EventDigest::onInterchangeStart(const edi::InterchangeInfo& info, const edi::Segment& header) {
  open(Level::kInterchange, "interchange start inside an open envelope");
  mix(1);
  mix(static_cast<uint64_t>(info.standard));
  const edi::Delimiters& d = info.delimiters;
  mix(std::string_view(&d.element, 1));
  mix(std::string_view(&d.component, 1));
  mix(std::string_view(&d.repetition, 1));
  mix(std::string_view(&d.segment, 1));
  mix(std::string_view(&d.release, 1));
  mix(std::string_view(&d.decimal, 1));
  mix(info.serviceStringAdvice);
  mix(info.hasHeader);
  mixSegment(header);
}

void EventDigest::onInterchangeEnd(const edi::Segment* trailer) {
  close(Level::kInterchange, "interchange end without a matching start");
  mix(2);
  if (trailer != nullptr) mixSegment(*trailer);
}

void EventDigest::onGroupStart(const edi::Segment& header) {
  open(Level::kGroup, "group start inside an open group or transaction");
  mix(3);
  mixSegment(header);
}

void EventDigest::onGroupEnd(const edi::Segment* trailer) {
  close(Level::kGroup, "group end without a matching start");
  mix(4);
  if (trailer != nullptr) mixSegment(*trailer);
}

void EventDigest::onTransactionStart(const edi::Segment& header) {
  open(Level::kTransaction, "transaction start inside an open transaction");
  mix(5);
  mixSegment(header);
}

void EventDigest::onTransactionEnd(const edi::Segment* trailer) {
  close(Level::kTransaction, "transaction end without a matching start");
  mix(6);
  if (trailer != nullptr) mixSegment(*trailer);
}

void EventDigest::onSegment(const edi::Segment& segment) {
  mix(7);
  mixSegment(segment);
}

void EventDigest::onFinding(const core::Finding& finding) {
  if (finding.code.empty()) fail("a finding without a code");
  if (finding.message.empty()) fail("a finding without a message");
  mix(8);
  mix(static_cast<uint64_t>(finding.severity));
  mix(finding.code);
  mix(finding.message);
  const core::Location& at = finding.location;
  mix(at.byteOffset);
  mix(at.line);
  mix(at.segmentIndex);
  mix(at.transactionSegment);
  mix(at.segmentTag);
  mix(at.element);
  mix(at.component);
  mix(at.repetition);
  mix(at.describe());
  ++events_;
}

void EventDigest::requireClosed() const {
  if (depth_ == 0) return;
  static constexpr const char* kNames[] = {"none", "interchange", "group", "transaction"};
  std::fprintf(stderr, "open after finish(): %s (depth %d)\n",
               kNames[static_cast<int>(stack_[depth_ - 1])], depth_);
  fail("an envelope left open after finish()");
}

uint64_t fuzzReaderSplits(std::string_view input) {
  const uint64_t whole = readWhole(input);
  const uint64_t seed = fnv1a(input);
  auto require = [&](uint64_t got, const char* split) {
    if (got != whole) {
      std::fprintf(stderr, "split: %s\n", split);
      fail("a chunk split changed the events (see split above)");
    }
  };
  // 1-byte feeds put a boundary at every position; beyond 1 KiB that costs
  // more fuzzing time than it finds (the random chunks below are short too),
  // so longer inputs use 3 bytes.
  require(readInFixedChunks(input, input.size() <= 1024 ? 1 : 3), "fixed small chunks");
  require(readInRandomChunks(input, seed), "pseudo-random chunks");
  if (!input.empty()) require(readSplitOnce(input, (seed >> 7) % input.size()), "one split");
  require(readThroughStream(input, 1 + (seed >> 17) % 97), "readStream");
  return whole;
}

uint64_t digestOneRead(std::string_view input) { return readWhole(input); }

}  // namespace bridge::fuzz
