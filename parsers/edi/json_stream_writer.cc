#include "parsers/edi/json_stream_writer.h"

namespace bridge::parsers::edi {

void JsonStreamWriter::newline(size_t depth) {
  if (!pretty_) return;
  out_.put('\n');
  for (size_t i = 0; i < depth; ++i) out_.write("  ", 2);
}

void JsonStreamWriter::beforeValue() {
  if (stack_.empty()) return;
  Level& level = stack_.back();
  if (level.afterKey) {
    level.afterKey = false;
    return;
  }
  if (level.items++ > 0) out_.put(',');
  newline(stack_.size());
}

void JsonStreamWriter::key(std::string_view name) {
  Level& level = stack_.back();
  if (level.items++ > 0) out_.put(',');
  newline(stack_.size());
  out_.put('"');
  out_.write(name.data(), static_cast<std::streamsize>(name.size()));
  out_.write(pretty_ ? "\": " : "\":", pretty_ ? 3 : 2);
  level.afterKey = true;
}

void JsonStreamWriter::raw(std::string_view value) {
  beforeValue();
  out_.write(value.data(), static_cast<std::streamsize>(value.size()));
}

void JsonStreamWriter::beginObject() {
  beforeValue();
  out_.put('{');
  stack_.push_back({false, 0, false});
}

void JsonStreamWriter::beginArray() {
  beforeValue();
  out_.put('[');
  stack_.push_back({true, 0, false});
}

void JsonStreamWriter::endObject() {
  const bool empty = stack_.back().items == 0;
  stack_.pop_back();
  if (!empty) newline(stack_.size());
  out_.put('}');
}

void JsonStreamWriter::endArray() {
  const bool empty = stack_.back().items == 0;
  stack_.pop_back();
  if (!empty) newline(stack_.size());
  out_.put(']');
}

}  // namespace bridge::parsers::edi
