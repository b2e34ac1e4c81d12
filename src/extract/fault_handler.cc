// A handler for tests of isolation (extract/isolation.h): it misbehaves as
// its input says. Its content type is sniffed only when LEAKGRAPH_TEST_FAULTS
// is set in the environment, so no real file ever reaches it.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <memory>
#include <vector>

#include "extract/handler.h"
#include "ocr/ocr.h"

namespace leakgraph::extract {
namespace {

constexpr std::string_view kMagic = "%LEAKGRAPH-TEST-FAULT ";

class TestFaultHandler final : public FormatHandler {
 public:
  std::string_view name() const override { return "test-fault"; }
  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/x-leakgraph-test-fault";
  }
  bool fragile() const override { return true; }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    std::string_view what = input.bytes.substr(kMagic.size());
    if (what.starts_with("hang")) {
      for (;;) pause();
    }
    if (what.starts_with("spin")) {
      volatile unsigned long spins = 0;
      for (;;) spins = spins + 1;
    }
    if (what.starts_with("crash")) std::raise(SIGSEGV);
    if (what.starts_with("oom")) {
      std::vector<std::unique_ptr<char[]>> hog;  // address space only: pages are never touched
      for (;;) hog.emplace_back(new char[64u << 20]);
    }
    if (what.starts_with("pages") && input.ocr != nullptr && input.ocr->cache()) {
      // Four "OCR pages" of 2 s each: longer than a short timeout in all,
      // shorter page by page (the limits are per page).
      for (int page = 0; page < 4; ++page) {
        (void)input.ocr->cache()->Get("test-fault-page-" + std::to_string(page));
        sleep(2);
      }
    }
    ExtractedDocument doc;
    doc.content_type = "text/plain";
    doc.text = std::string(what);
    return doc;
  }
};

}  // namespace

bool IsTestFault(std::string_view bytes) {
  static const bool enabled = std::getenv("LEAKGRAPH_TEST_FAULTS") != nullptr;
  return enabled && bytes.starts_with(kMagic);
}

std::unique_ptr<FormatHandler> MakeTestFaultHandler() {
  return std::make_unique<TestFaultHandler>();
}

}  // namespace leakgraph::extract
