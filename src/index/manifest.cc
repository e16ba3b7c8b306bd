#include "index/manifest.h"

#include <cinttypes>
#include <cstdio>
#include <sstream>

#include "index/coding.h"
#include "util/crc32c.h"
#include "util/file.h"

namespace dateline::index {

namespace {

constexpr char kManifestHeader[] = "dateline-manifest 1";
constexpr char kDelMagic[8] = {'D', 'L', 'D', 'E', 'L', '0', '0', '1'};

}  // namespace

std::string ManifestFileName(uint64_t generation) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "MANIFEST-%06" PRIu64, generation);
  return buf;
}

std::string Manifest::Encode() const {
  std::ostringstream o;
  o << kManifestHeader << "\n";
  o << "generation " << generation << "\n";
  o << "next_file " << next_file << "\n";
  for (const auto& s : segments) {
    o << "segment " << s.file << " " << s.doc_count << " "
      << (s.deletions.empty() ? "-" : s.deletions) << " " << s.deleted_count << "\n";
  }
  std::string body = o.str();
  char crc[32];
  std::snprintf(crc, sizeof crc, "crc32c %08x\n", crc32c::Value(body));
  return body + crc;
}

Status Manifest::Decode(std::string_view data, const std::string& name, Manifest* out) {
  const size_t last = data.rfind("crc32c ");
  if (last == std::string_view::npos || data.size() - last != 16 || data.back() != '\n') {
    return Status::Corruption(name + ": missing checksum line");
  }
  unsigned crc = 0;
  if (std::sscanf(std::string(data.substr(last + 7, 8)).c_str(), "%8x", &crc) != 1 ||
      crc != crc32c::Value(data.substr(0, last))) {
    return Status::Corruption(name + ": checksum mismatch");
  }
  std::istringstream in{std::string(data.substr(0, last))};
  std::string line;
  if (!std::getline(in, line) || line != kManifestHeader) {
    return Status::Corruption(name + ": unknown manifest version");
  }
  Manifest m;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string key;
    ls >> key;
    if (key == "generation") {
      ls >> m.generation;
    } else if (key == "next_file") {
      ls >> m.next_file;
    } else if (key == "segment") {
      ManifestSegment s;
      ls >> s.file >> s.doc_count >> s.deletions >> s.deleted_count;
      if (s.deletions == "-") s.deletions.clear();
      if (s.file.find('/') != std::string::npos || s.deletions.find('/') != std::string::npos) {
        return Status::Corruption(name + ": bad file name in manifest");
      }
      m.segments.push_back(s);
    } else {
      return Status::Corruption(name + ": unknown line '" + line + "'");
    }
    if (ls.fail()) return Status::Corruption(name + ": malformed line '" + line + "'");
  }
  *out = std::move(m);
  return Status::OK();
}

Status ReadCurrentManifest(const std::string& dir, Manifest* out, std::string* manifest_name) {
  std::string current;
  Status s = file::ReadFile(dir + "/CURRENT", &current);
  if (s.IsNotFound()) return Status::NotFound(dir + ": no dateline index here");
  DL_RETURN_IF_ERROR(s);
  while (!current.empty() && (current.back() == '\n' || current.back() == '\r')) {
    current.pop_back();
  }
  if (current.rfind("MANIFEST-", 0) != 0 || current.find('/') != std::string::npos) {
    return Status::Corruption(dir + "/CURRENT: does not name a manifest");
  }
  std::string data;
  s = file::ReadFile(dir + "/" + current, &data);
  if (s.IsNotFound()) return Status::NotFound(dir + "/" + current + ": missing manifest");
  DL_RETURN_IF_ERROR(s);
  *manifest_name = current;
  return Manifest::Decode(data, dir + "/" + current, out);
}

Status WriteManifest(const std::string& dir, const Manifest& m) {
  const std::string name = ManifestFileName(m.generation);
  DL_RETURN_IF_ERROR(file::WriteFileAtomic(dir + "/" + name, m.Encode()));
  return file::WriteFileAtomic(dir + "/CURRENT", name + "\n");
}

Status WriteDeletions(const std::string& path, const std::vector<uint64_t>& bits, uint32_t docs) {
  std::string data(kDelMagic, 8);
  PutFixed32(&data, docs);
  for (uint64_t w : bits) PutFixed64(&data, w);
  PutFixed32(&data, crc32c::Value(data));
  return file::WriteFileAtomic(path, data);
}

Status ReadDeletions(const std::string& path, uint32_t docs, std::vector<uint64_t>* bits,
                     uint32_t* count) {
  std::string data;
  DL_RETURN_IF_ERROR(file::ReadFile(path, &data));
  const size_t words = (size_t{docs} + 63) / 64;
  if (data.size() != 8 + 4 + words * 8 + 4 || data.compare(0, 8, kDelMagic, 8) != 0 ||
      DecodeFixed32(&data[8]) != docs ||
      DecodeFixed32(&data[data.size() - 4]) != crc32c::Value(data.data(), data.size() - 4)) {
    return Status::Corruption(path + ": damaged deletion file");
  }
  bits->resize(words);
  *count = 0;
  for (size_t i = 0; i < words; ++i) {
    (*bits)[i] = DecodeFixed64(&data[12 + i * 8]);
    *count += __builtin_popcountll((*bits)[i]);
  }
  return Status::OK();
}

}  // namespace dateline::index
