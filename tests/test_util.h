// Small helpers shared by the index and search tests: temporary directories,
// whole-file reads and writes, byte flips, and document construction.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "dateline/document.h"

namespace dateline::testutil {

// True when the tests are built with AddressSanitizer (slower: tests shrink their inputs).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

/// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/dateline-test-XXXXXX";
    const char* p = ::mkdtemp(tmpl);
    path_ = p != nullptr ? p : "";
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(std::string_view name) const { return path_ + "/" + std::string(name); }

 private:
  std::string path_;
};

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteBytes(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

/// XORs the byte at `offset` of the file with `mask`, in place.
inline void FlipByte(const std::string& path, size_t offset, unsigned char mask = 0x5a) {
  std::string data = ReadBytes(path);
  data[offset] = static_cast<char>(data[offset] ^ mask);
  WriteBytes(path, data);
}

inline Date D(std::string_view s) {
  auto d = Date::Parse(s);
  return d ? *d : Date{};
}

inline Document MakeDoc(std::string id, std::string_view date, std::string title, std::string text,
                        std::string lang = "") {
  Document doc;
  doc.id = std::move(id);
  doc.date = D(date);
  doc.title = std::move(title);
  doc.text = std::move(text);
  doc.lang = std::move(lang);
  return doc;
}

}  // namespace dateline::testutil
