// The OLE2 handler: legacy Office files and Outlook messages, all compound
// files (extract/cfb.h), told apart by the streams they hold: WordDocument
// (.doc), Workbook (.xls), PowerPoint Document (.ppt), __substg1.0_*
// properties (.msg). An EncryptedPackage stream is a password-protected OOXML
// file ("encrypted Office document"); other compound files are recorded as
// unsupported, naming what they are.
#include <memory>
#include <string>

#include "extract/handler.h"
#include "extract/ole_formats.h"
#include "extract/ppt_binary.h"

namespace leakgraph::extract {
namespace {

bool HasPropertyStreams(const CompoundFile& file) {
  for (std::uint32_t index : file.Children(0)) {
    if (file.entries()[index].name.starts_with("__substg1.0_")) return true;
  }
  return false;
}

class OleHandler final : public FormatHandler {
 public:
  bool fragile() const override { return true; }
  std::string_view name() const override { return "ole"; }

  bool Accepts(std::string_view content_type) const override {
    return content_type == "application/x-ole-storage" || content_type == "application/msword" ||
           content_type == "application/vnd.ms-excel" || content_type == "application/vnd.ms-powerpoint" ||
           content_type == "application/vnd.ms-outlook";
  }

  Result<ExtractedDocument> Extract(const ExtractInput& input) const override {
    auto file = CompoundFile::Open(input.bytes);
    if (!file.ok()) return file.status();
    Result<ExtractedDocument> doc = Status::Unsupported("unsupported compound file: not a Word, Excel, PowerPoint or Outlook file");
    if (file->Find(0, "EncryptedPackage"))
      return Status::Unsupported("encrypted Office document: cannot be read without a password");
    if (file->Find(0, "WordDocument")) doc = ExtractWordBinary(*file);
    else if (file->Find(0, "Workbook") || file->Find(0, "Book")) doc = ExtractExcelBinary(*file);
    else if (HasPropertyStreams(*file)) doc = ExtractOutlookMessage(*file, 0, 0);
    else if (file->Find(0, "PowerPoint Document")) doc = ExtractPowerPointBinary(*file);
    if (!doc.ok()) return doc;
    if (doc->title.empty()) doc->title = std::string(input.file_name);
    return doc;
  }
};

}  // namespace

std::unique_ptr<FormatHandler> MakeOleHandler() {
  return std::make_unique<OleHandler>();
}

}  // namespace leakgraph::extract
