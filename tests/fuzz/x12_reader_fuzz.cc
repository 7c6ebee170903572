// libFuzzer target: the streaming reader and envelope validator on X12 input.
// The bytes are used as they are (no prefix): the seed corpus is real X12, so
// mutations stay close to X12 and reach deep into ISA/GS/ST handling, while
// auto-detection still sees whatever the mutator makes of the first bytes.
// The properties checked are listed in tests/fuzz/reader_fuzz_driver.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/reader_fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bridge::fuzz::fuzzReaderSplits(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
