// edi_bench: throughput of the streaming reader on one file, as one JSON line.
//
//   edi_bench --mode frame|tokenize|validate|schema|memchr [--repeat N] [--chunk BYTES] FILE
//
// tokenize  readFd -> Reader -> counting handler
// validate  readFd -> Reader -> EnvelopeValidator -> counting handler
// schema    readFd -> Reader -> EnvelopeValidator -> SchemaValidator (the
//           shipped schemas, or EDI_BRIDGE_SCHEMAS) -> counting handler
// memchr    the ceiling on this machine: read() in 1 MiB blocks and count
//           segment terminators with memchr, nothing else
//
// Each repetition opens and reads the whole file (from the page cache after
// the first). The output has the file size, the counts of the last repetition,
// the best and median wall seconds and MB/s (10^6 bytes per second, from the
// median and from the best). Peak RSS is measured from outside the process
// (scripts/bench.sh uses /usr/bin/time -v), as the peers were.
//
// Thread-safety: single-threaded program.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/edi/envelope_validator.h"
#include "parsers/edi/reader.h"
#include "parsers/schema/registry.h"
#include "parsers/schema/schema_validator.h"

namespace {

namespace edi = bridge::parsers::edi;
namespace core = bridge::core;

// frame:    the reader frames every segment and reads its tag; elements are
//           never split (what a consumer that routes or counts segments pays).
// tokenize: as frame, and every segment's elements are split and counted.
// validate: the reader and the envelope validator; body segments are counted,
//           not split (what `edi-bridge validate` pays).
// schema:   validate plus the schema validator, which splits and checks
//           every segment (what `edi-bridge validate --schema` pays).
// memchr:   the ceiling, counting terminators with memchr.
enum class Mode { kFrame, kTokenize, kValidate, kSchema, kMemchr };

struct Counts {
  uint64_t segments = 0;
  uint64_t elements = 0;
  uint64_t interchanges = 0;
  uint64_t groups = 0;
  uint64_t transactions = 0;
  uint64_t findings = 0;
  uint64_t errors = 0;
};

// Counts what a consumer of the reader sees: every segment, envelope headers
// and trailers included, as the generator's sidecar counts them (the EDIFACT
// UNA service string advice is not a segment).
class CountingHandler : public edi::EventHandler {
 public:
  CountingHandler(Counts& counts, bool splitElements)
      : counts_(counts), splitElements_(splitElements) {}

  void onInterchangeStart(const edi::InterchangeInfo& info, const edi::Segment& header) override {
    ++counts_.interchanges;
    if (info.hasHeader) count(header);
  }
  void onInterchangeEnd(const edi::Segment* trailer) override { countTrailer(trailer); }
  void onGroupStart(const edi::Segment& header) override {
    ++counts_.groups;
    count(header);
  }
  void onGroupEnd(const edi::Segment* trailer) override { countTrailer(trailer); }
  void onTransactionStart(const edi::Segment& header) override {
    ++counts_.transactions;
    count(header);
  }
  void onTransactionEnd(const edi::Segment* trailer) override { countTrailer(trailer); }
  void onSegment(const edi::Segment& segment) override { count(segment); }
  void onFinding(const core::Finding& finding) override {
    ++counts_.findings;
    if (finding.isError()) ++counts_.errors;
    // The first few findings are worth seeing: a benchmark over an input the
    // reader rejects measures nothing useful.
    if (counts_.findings <= 3) {
      std::cerr << "finding: " << core::severityName(finding.severity) << ' ' << finding.code
                << ": " << finding.message << '\n';
    }
  }

 private:
  void count(const edi::Segment& segment) {
    ++counts_.segments;
    if (splitElements_) counts_.elements += segment.elementCount();
  }
  void countTrailer(const edi::Segment* trailer) {
    if (trailer != nullptr) count(*trailer);
  }

  Counts& counts_;
  bool splitElements_;
};

// Counts segment terminators. The terminator is ISA byte 105 for X12, the
// UNA-declared one (or the default apostrophe) for EDIFACT; an EDIFACT
// terminator preceded by an odd run of release characters is data. Release
// runs that cross a block boundary are carried over, and the UNA itself is
// skipped, so the count equals the generator's.
core::Status countTerminators(int fd, Counts& counts) {
  constexpr size_t kBlock = 1 << 20;
  static std::vector<char> block(kBlock);
  uint64_t segments = 0;
  char terminator = 0;
  char release = 0;
  uint64_t carriedRun = 0;  // release characters at the end of the previous block
  bool first = true;
  for (;;) {
    ssize_t n = ::read(fd, block.data(), kBlock);
    if (n < 0) {
      if (errno == EINTR) continue;
      return core::Status::ioError(std::string("read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;
    const char* begin = block.data();
    const char* end = begin + n;
    if (first) {
      first = false;
      std::string_view head(begin, static_cast<size_t>(n));
      if (head.starts_with("ISA") && head.size() > 105) {
        terminator = head[105];
      } else if (head.starts_with("UNA") && head.size() >= 9) {
        release = head[6];
        terminator = head[8];
        begin += 9;
      } else {
        release = '?';
        terminator = '\'';
      }
    }
    const char* p = begin;
    while ((p = static_cast<const char*>(std::memchr(p, terminator, end - p))) != nullptr) {
      if (release != 0) {
        uint64_t run = 0;
        const char* q = p;
        while (q > begin && q[-1] == release) {
          --q;
          ++run;
        }
        if (q == begin) run += carriedRun;
        segments += (run % 2 == 0);
      } else {
        ++segments;
      }
      ++p;
    }
    if (release != 0) {
      uint64_t run = 0;
      const char* q = end;
      while (q > begin && q[-1] == release) {
        --q;
        ++run;
      }
      carriedRun = q == begin ? carriedRun + run : run;
    }
  }
  counts.segments = segments;
  return core::Status::ok();
}

// `schemas` is shared by the repetitions, so that only the first pays for
// loading the schema files, as a long-running process would.
core::Status runOnce(Mode mode, const std::string& path, size_t chunk,
                     bridge::parsers::schema::SchemaSource& schemas, Counts& counts) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return core::Status::ioError("cannot open '" + path + "': " + std::strerror(errno));
  }
  counts = Counts{};
  core::Status status;
  edi::ReaderOptions options;
  if (chunk != 0) options.readChunkBytes = chunk;
  CountingHandler counter(counts, mode == Mode::kTokenize);
  switch (mode) {
    case Mode::kFrame:
    case Mode::kTokenize:
      status = edi::readFd(fd, counter, options);
      break;
    case Mode::kValidate: {
      edi::EnvelopeValidator validator(counter);
      status = edi::readFd(fd, validator, options);
      break;
    }
    case Mode::kSchema: {
      bridge::parsers::schema::SchemaValidator schema(counter, schemas);
      edi::EnvelopeValidator validator(schema);
      status = edi::readFd(fd, validator, options);
      break;
    }
    case Mode::kMemchr:
      status = countTerminators(fd, counts);
      break;
  }
  ::close(fd);
  return status;
}

int usage(const char* message) {
  std::cerr << "edi_bench: " << message << '\n'
            << "usage: edi_bench --mode frame|tokenize|validate|schema|memchr [--repeat N] "
               "[--chunk BYTES] FILE\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string modeName;
  std::string path;
  long repeat = 5;
  long chunk = 0;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--mode") {
      const char* v = value();
      if (v == nullptr) return usage("--mode needs a value");
      modeName = v;
    } else if (arg == "--repeat") {
      const char* v = value();
      if (v == nullptr || (repeat = std::strtol(v, nullptr, 10)) < 1) {
        return usage("--repeat needs a positive number");
      }
    } else if (arg == "--chunk") {
      const char* v = value();
      if (v == nullptr || (chunk = std::strtol(v, nullptr, 10)) < 1) {
        return usage("--chunk needs a positive number of bytes");
      }
    } else if (arg == "--help" || arg == "-h") {
      usage("throughput of the EDI reader on one file");
      return 0;
    } else if (!arg.empty() && arg[0] == '-') {
      return usage(("unknown option " + std::string(arg)).c_str());
    } else if (path.empty()) {
      path = arg;
    } else {
      return usage("only one FILE");
    }
  }
  Mode mode;
  if (modeName == "frame") {
    mode = Mode::kFrame;
  } else if (modeName == "tokenize") {
    mode = Mode::kTokenize;
  } else if (modeName == "validate") {
    mode = Mode::kValidate;
  } else if (modeName == "schema") {
    mode = Mode::kSchema;
  } else if (modeName == "memchr") {
    mode = Mode::kMemchr;
  } else {
    return usage("--mode must be frame, tokenize, validate, schema or memchr");
  }
  if (path.empty()) return usage("missing FILE");

  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    std::cerr << "edi_bench: cannot stat '" << path << "': " << std::strerror(errno) << '\n';
    return 2;
  }
  const auto bytes = static_cast<uint64_t>(st.st_size);

  bridge::parsers::schema::SchemaRegistry registry(
      bridge::parsers::schema::SchemaRegistry::defaultRoot());
  bridge::parsers::schema::RegistrySchemaSource schemas(registry);
  Counts counts;
  std::vector<double> seconds;
  for (long r = 0; r < repeat; ++r) {
    auto start = std::chrono::steady_clock::now();
    core::Status status = runOnce(mode, path, static_cast<size_t>(chunk), schemas, counts);
    auto stop = std::chrono::steady_clock::now();
    if (!status.isOk()) {
      std::cerr << "edi_bench: " << status.toString() << '\n';
      return 1;
    }
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  const size_t n = seconds.size();
  const double median = n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  const double best = seconds.front();
  auto mbps = [&](double s) { return s > 0 ? static_cast<double>(bytes) / 1e6 / s : 0.0; };

  nlohmann::ordered_json out = {
      {"file", path},
      {"mode", modeName},
      {"bytes", bytes},
      {"repeat", repeat},
      {"segments", counts.segments},
      {"best_s", best},
      {"median_s", median},
      {"mb_per_s", mbps(median)},
      {"mb_per_s_best", mbps(best)},
  };
  if (mode != Mode::kMemchr) {
    out["elements"] = counts.elements;
    out["interchanges"] = counts.interchanges;
    out["groups"] = counts.groups;
    out["transactions"] = counts.transactions;
    out["findings"] = counts.findings;
    out["errors"] = counts.errors;
    out["read_chunk_bytes"] =
        chunk != 0 ? static_cast<uint64_t>(chunk) : edi::ReaderOptions{}.readChunkBytes;
  }
  std::cout << out.dump() << std::endl;
  return 0;
}
