// Building segments: from buffered documents (flush) and from existing segments (merge).
#pragma once

#include <string>
#include <vector>

#include "dateline/document.h"
#include "dateline/index.h"
#include "dateline/status.h"
#include "index/segment.h"

namespace dateline::index {

/// Analyses `docs` (resolving languages) on `threads` threads, orders them by
/// date and writes them as one segment at `path`. `docs` must be non-empty.
/// With `annotate`, runs the extractors (dateline/annotate.h) on each document,
/// stores their output and indexes their terms. The documents are left empty
/// (their memory is freed as they are written).
Status BuildSegment(std::vector<Document>* docs, unsigned threads, bool annotate,
                    const std::string& path);

/// Writes the live documents of `inputs` as one date-ordered segment at `path`;
/// *doc_count receives the number written (0 means no file was written).
/// `buffer_bytes`: what the new segment keeps of each section in memory
/// before spilling it (SegmentWriter), and twice what its merged postings
/// wait in while the documents are copied.
Status MergeSegments(const std::vector<SegmentView>& inputs, const std::string& path,
                     uint32_t* doc_count, size_t buffer_bytes = kSegmentSpillBytes);

}  // namespace dateline::index
