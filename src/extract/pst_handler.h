// Outlook data files (.pst/.ost) through libpff: see pst_handler.cc for what
// becomes of folders, messages and attachments, the limits and the errors.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "extract/handler.h"

namespace leakgraph::extract {

// What one mailbox may give; past a limit the rest is left out and a
// warning says what. The defaults keep a mailbox's children within the
// isolated parser's memory limit (extract/isolation.h).
struct PstLimits {
  unsigned max_folder_depth = 64;               // the root folder is depth 0
  std::size_t max_messages = 250000;
  std::uint64_t max_attachment_bytes = 256ull << 20;
  std::uint64_t max_total_bytes = 512ull << 20;  // of all the messages written out
};

// The handler of "application/vnd.ms-outlook-pst" (sniffed by the "!BDN"
// signature). Every message becomes a child document "Folder/Sub/N" holding
// RFC 822 text (content type hint "message/rfc822") whose MIME parts are the
// message's attachments. fragile(): run it isolated (extract/isolation.h).
std::unique_ptr<FormatHandler> MakePstHandler(const PstLimits& limits = {});

}  // namespace leakgraph::extract
