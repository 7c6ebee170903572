// Placeholder until the reader lands; keeps the tree building.
#include "parsers/edi/reader.h"

namespace bridge::parsers::edi {
class Reader::Impl {};
Reader::Reader(EventHandler&, ReaderOptions) : impl_(std::make_unique<Impl>()) {}
Reader::~Reader() = default;
void Reader::feed(std::string_view) {}
void Reader::finish() {}
bool Reader::stopped() const { return false; }
uint64_t Reader::bytesFed() const { return 0; }
uint64_t Reader::segmentCount() const { return 0; }
Detection detectStandard(std::string_view) { return {}; }
core::Status readFd(int, EventHandler&, ReaderOptions) { return core::Status::ok(); }
core::Status readStream(std::istream&, EventHandler&, ReaderOptions) { return core::Status::ok(); }
core::Status readPath(const std::string&, EventHandler&, ReaderOptions) {
  return core::Status::ok();
}
}  // namespace bridge::parsers::edi
