// JsonStreamWriter: writes the framing of a JSON document (objects, arrays,
// keys, commas, indentation) to a stream as it is produced, so that a
// document of any size is written without being held in memory. Values are
// passed in already serialized (by nlohmann::json).
//
// Compact output has no whitespace. Pretty output puts every member and
// array item on its own line, indented by two spaces per level; a value
// passed to raw() stays on one line.
//
// Thread-safety: one writer per stream, used from one thread.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

namespace bridge::parsers::edi {

class JsonStreamWriter {
 public:
  // REQUIRES: out outlives the writer.
  JsonStreamWriter(std::ostream& out, bool pretty) : out_(out), pretty_(pretty) {}

  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  // REQUIRES: inside an object; `name` needs no JSON escaping.
  void key(std::string_view name);
  // A complete serialized JSON value.
  void raw(std::string_view value);

  // Number of objects and arrays open.
  size_t depth() const { return stack_.size(); }

 private:
  struct Level {
    bool array = false;
    size_t items = 0;
    bool afterKey = false;
  };
  void beforeValue();
  void newline(size_t depth);

  std::ostream& out_;
  bool pretty_;
  std::vector<Level> stack_;
};

}  // namespace bridge::parsers::edi
