// Entity keys that are spellings of one name: keys one edit apart
// (AreKeyVariants), found without generating every variant of every key.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace dateline::search {

/// Per key of `keys` (distinct): the numbers of the other keys one edit apart,
/// ascending. The first `tag_size` bytes of a key are a tag (e.g. the entity
/// type letter): only keys with the same tag are compared, by AreKeyVariants on
/// the rest.
std::vector<std::vector<uint32_t>> KeyNeighbours(const std::vector<std::string>& keys,
                                                 size_t tag_size);

/// Per key of `keys` (distinct): the number of the key it counts as. Keys one
/// edit apart count as the one in most documents (`documents`, per key; ties:
/// the smaller key), not chained: each key, most documents first, takes its
/// neighbours not yet taken.
std::vector<uint32_t> MergeKeyVariants(const std::vector<std::string>& keys,
                                       const std::vector<uint64_t>& documents, size_t tag_size);

}  // namespace dateline::search
