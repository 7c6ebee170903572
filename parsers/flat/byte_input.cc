#include "parsers/flat/byte_input.h"

namespace bridge::parsers::flat {

ByteInput::ByteInput(std::istream& in, size_t chunkBytes) : in_(in), buffer_(chunkBytes) {}

bool ByteInput::skipPrefix(std::string_view prefix) {
  if (next_ == filled_ && !refill()) return false;
  if (filled_ - next_ < prefix.size()) return false;
  if (std::string_view(buffer_.data() + next_, prefix.size()) != prefix) return false;
  next_ += prefix.size();
  return true;
}

bool ByteInput::refill() {
  next_ = 0;
  filled_ = 0;
  if (!in_.good()) return false;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  filled_ = static_cast<size_t>(in_.gcount());
  return filled_ > 0;
}

}  // namespace bridge::parsers::flat
