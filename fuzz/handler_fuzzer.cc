// libFuzzer target for one format handler, chosen at compile time by
// LEAKGRAPH_FUZZ_TYPE (a content type, e.g. "application/pdf"). Each input is
// sniffed and then extracted in process (no isolation, no OCR), so a crash,
// hang, leak or sanitizer report is the handler's own. See fuzz/run.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/handler.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using leakgraph::extract::HandlerRegistry;
  static const leakgraph::extract::FormatHandler* handler = HandlerRegistry::BuiltIn().Find(LEAKGRAPH_FUZZ_TYPE);
  if (handler == nullptr) __builtin_trap();  // the target is misconfigured
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)leakgraph::extract::SniffContentType(bytes, "fuzz");
  (void)handler->Extract({bytes, "fuzz", LEAKGRAPH_FUZZ_TYPE, nullptr});
  return 0;
}
