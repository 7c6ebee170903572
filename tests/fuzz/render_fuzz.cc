// libFuzzer target: renderJson, which turns the JSON of `edi-bridge parse`
// (docs/json-format.md) back into EDI. Any bytes must give either EDI or a
// non-ok Status with a message, never a crash or an exception. The input's
// length switches line breaks and computed trailers on and off. When
// rendering succeeds, the output is read back through the reader and the
// envelope validator, so that whatever render can produce is fuzzed on the
// reading side too.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "parsers/edi/json_codec.h"
#include "tests/fuzz/reader_fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace edi = bridge::parsers::edi;
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  // Both layouts and both trailer policies, chosen by the input's length so
  // that a saved input reproduces with the same options.
  edi::RenderOptions options;
  options.lineBreaks = (size & 1) != 0;
  options.computeTrailers = (size & 2) != 0;
  bridge::core::Status status = edi::renderJson(in, out, options);
  if (!status.isOk()) {
    if (status.message().empty()) {
      std::fprintf(stderr, "fuzz property violated: render failed without a message\n");
      std::abort();
    }
    return 0;
  }
  bridge::fuzz::digestOneRead(out.str());
  return 0;
}
