#include "extract/gmime_support.h"

#include <mutex>

#include "text/encoding.h"

namespace leakgraph::extract {
namespace {

// Copies the bytes a memory stream holds.
std::string MemStreamBytes(GMimeStream* stream) {
  GByteArray* array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
  if (array == nullptr || array->len == 0) return {};
  return std::string(reinterpret_cast<const char*>(array->data), array->len);
}

}  // namespace

void EnsureGMimeInitialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

ParserOptionsPtr MakeParserOptions() {
  EnsureGMimeInitialised();
  ParserOptionsPtr options(g_mime_parser_options_new());
  g_mime_parser_options_set_address_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_parameter_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_rfc2047_compliance_mode(options.get(), GMIME_RFC_COMPLIANCE_LOOSE);
  g_mime_parser_options_set_allow_addresses_without_domain(options.get(), TRUE);
  const char* fallback_charsets[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(options.get(), fallback_charsets);
  return options;
}

GObjectPtr<GMimeMessage> ParseMessage(std::string_view bytes, GMimeParserOptions* options) {
  EnsureGMimeInitialised();
  // with_buffer copies the bytes, so the message never points into `bytes`.
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  return GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), options));
}

std::string DecodedPartContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return {};
  GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
  if (g_mime_data_wrapper_write_to_stream(content, sink.get()) < 0) return {};
  return MemStreamBytes(sink.get());
}

std::string SerialiseObject(GMimeObject* object) {
  GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
  if (g_mime_object_write_to_stream(object, nullptr, sink.get()) < 0) return {};
  return MemStreamBytes(sink.get());
}

std::string ToCleanUtf8(const char* text) {
  if (text == nullptr) return {};
  std::string_view view(text);
  if (text::IsValidUtf8(view)) return text::ToNfc(view);
  return text::DecodeToUtf8(view).utf8;
}

}  // namespace leakgraph::extract
