// libFuzzer target: the streaming reader and envelope validator on EDIFACT
// input. The bytes are used as they are (no prefix): the seed corpus is real
// EDIFACT (with and without UNA, odd separators, release characters), so
// mutations stay close to UNA/UNB/UNG/UNH handling and release escaping.
// The properties checked are listed in tests/fuzz/reader_fuzz_driver.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/reader_fuzz_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bridge::fuzz::fuzzReaderSplits(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
