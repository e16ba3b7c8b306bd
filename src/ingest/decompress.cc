// Streaming gzip (zlib, multi-member) and zstd decompression sources.
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "ingest/source.h"

namespace dateline::ingest {
namespace {

constexpr size_t kInputChunk = 256 * 1024;

// Shared bookkeeping: an error found after some output was produced is returned on
// the next call, so that callers first receive every byte that could be decoded.
class DecompressorBase : public Source {
 protected:
  explicit DecompressorBase(std::unique_ptr<Source> inner)
      : inner_(std::move(inner)), in_buf_(kInputChunk) {}

  // Reads the next compressed chunk; *got == 0 at the end of the input.
  Status ReadInput(size_t* got) {
    Status s = inner_->Read(in_buf_.data(), in_buf_.size(), got);
    if (s.ok()) in_read_ += *got;
    return s;
  }
  Status Corrupt(std::string_view what, uint64_t compressed_offset) {
    return Status::Corruption(std::string(what) + " at compressed byte " +
                              std::to_string(compressed_offset));
  }
  // Finishes a Read call: stores `s` if it is an error and some output is pending.
  Status Finish(Status s, size_t produced, size_t* got) {
    *got = produced;
    if (s.ok()) return s;
    failed_ = true;
    if (produced == 0) {
      error_ = s;
      return s;
    }
    error_ = std::move(s);
    return Status::OK();
  }

  std::unique_ptr<Source> inner_;
  std::vector<char> in_buf_;
  uint64_t in_read_ = 0;  // compressed bytes read from inner_
  bool failed_ = false;
  Status error_;
  bool done_ = false;
};

class GzipSource : public DecompressorBase {
 public:
  explicit GzipSource(std::unique_ptr<Source> inner) : DecompressorBase(std::move(inner)) {
    zs_ = z_stream{};
    init_ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&zs_);
  }

  Status Read(char* buf, size_t n, size_t* got) override {
    *got = 0;
    if (failed_) return error_;
    if (!init_ok_) return Finish(Status::Corruption("gzip: cannot initialise zlib"), 0, got);
    if (done_ || n == 0) return Status::OK();
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const size_t capacity = zs_.avail_out;
    Status s = Fill();
    return Finish(std::move(s), capacity - zs_.avail_out, got);
  }

 private:
  uint64_t Consumed() const { return in_read_ - zs_.avail_in; }

  Status Fill() {
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0 && !may_have_output_) {
        size_t k = 0;
        DL_RETURN_IF_ERROR(ReadInput(&k));
        if (k == 0) {
          done_ = true;
          if (in_member_) return Corrupt("gzip data truncated (unexpected end of file)", in_read_);
          return Status::OK();
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_buf_.data());
        zs_.avail_in = static_cast<uInt>(k);
      }
      in_member_ = true;
      const int r = inflate(&zs_, Z_NO_FLUSH);
      may_have_output_ = zs_.avail_out == 0;
      if (r == Z_STREAM_END) {
        in_member_ = false;
        may_have_output_ = false;
        inflateReset(&zs_);
      } else if (r != Z_OK && r != Z_BUF_ERROR) {
        const std::string msg = zs_.msg != nullptr ? zs_.msg : "inflate error " + std::to_string(r);
        return Corrupt("gzip data corrupt (" + msg + ")", Consumed());
      } else if (r == Z_BUF_ERROR && zs_.avail_in == 0) {
        may_have_output_ = false;
      }
    }
    return Status::OK();
  }

  z_stream zs_;
  bool init_ok_ = false;
  bool in_member_ = false;        // inside a gzip member that has not ended yet
  bool may_have_output_ = false;  // zlib may hold output without more input
};

class ZstdSource : public DecompressorBase {
 public:
  explicit ZstdSource(std::unique_ptr<Source> inner)
      : DecompressorBase(std::move(inner)), ds_(ZSTD_createDStream()) {
    if (ds_ != nullptr) ZSTD_initDStream(ds_);
  }
  ~ZstdSource() override { ZSTD_freeDStream(ds_); }

  Status Read(char* buf, size_t n, size_t* got) override {
    *got = 0;
    if (failed_) return error_;
    if (ds_ == nullptr) return Finish(Status::Corruption("zstd: cannot create stream"), 0, got);
    if (done_ || n == 0) return Status::OK();
    ZSTD_outBuffer out{buf, n, 0};
    Status s = Fill(&out);
    return Finish(std::move(s), out.pos, got);
  }

 private:
  Status Fill(ZSTD_outBuffer* out) {
    while (out->pos < out->size) {
      if (in_.pos == in_.size && !may_have_output_) {
        size_t k = 0;
        DL_RETURN_IF_ERROR(ReadInput(&k));
        if (k == 0) {
          done_ = true;
          if (frame_open_) return Corrupt("zstd data truncated (unexpected end of file)", in_read_);
          return Status::OK();
        }
        in_ = ZSTD_inBuffer{in_buf_.data(), k, 0};
      }
      const size_t r = ZSTD_decompressStream(ds_, out, &in_);
      if (ZSTD_isError(r)) {
        const uint64_t at = in_read_ - (in_.size - in_.pos);
        return Corrupt(std::string("zstd data corrupt (") + ZSTD_getErrorName(r) + ")", at);
      }
      frame_open_ = r != 0;
      may_have_output_ = out->pos == out->size;
    }
    return Status::OK();
  }

  ZSTD_DStream* ds_;
  ZSTD_inBuffer in_{nullptr, 0, 0};
  bool frame_open_ = false;
  bool may_have_output_ = false;
};

uint32_t LittleEndian32(std::string_view s) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s[i]);
  return v;
}

}  // namespace

std::string_view CompressionName(Compression c) {
  switch (c) {
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
    case Compression::kNone:
      break;
  }
  return "none";
}

bool HasMagic(Compression c, std::string_view head) {
  switch (c) {
    case Compression::kGzip:
      return head.size() >= 2 && head[0] == '\x1f' && head[1] == '\x8b';
    case Compression::kZstd: {
      if (head.size() < 4) return false;
      const uint32_t magic = LittleEndian32(head);
      return magic == 0xFD2FB528u || (magic & 0xFFFFFFF0u) == 0x184D2A50u;  // or skippable
    }
    case Compression::kNone:
      break;
  }
  return true;
}

Compression SniffCompression(std::string_view head) {
  if (HasMagic(Compression::kGzip, head)) return Compression::kGzip;
  if (HasMagic(Compression::kZstd, head)) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<Source> MakeDecompressor(Compression c, std::unique_ptr<Source> inner) {
  switch (c) {
    case Compression::kGzip:
      return std::make_unique<GzipSource>(std::move(inner));
    case Compression::kZstd:
      return std::make_unique<ZstdSource>(std::move(inner));
    case Compression::kNone:
      break;
  }
  return inner;
}

}  // namespace dateline::ingest
