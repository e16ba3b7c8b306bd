// Gazetteer features: known names of places, people and organisations (lists
// made from GeoNames and the PETRARCH2 actor dictionaries, see
// models/ner/make-gazetteer.py), matched on lower-cased token sequences.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/entities.h"
#include "dateline/status.h"
#include "extract/ner/features.h"

namespace dateline::ner {

inline constexpr int kMaxGazetteerTokens = 5;

/// The key of a lower-cased token sequence joined by single spaces: a 32-bit
/// fingerprint (plus one, never 0).
uint64_t GazetteerKey(std::string_view joined);

/// Reads `TYPE<TAB>name` lines (TYPE: PER ORG LOC MISC) into *out: each name is
/// tokenized as the tagger does for `lang`, lower-cased, and stored with its
/// type bit (1 << EntityType). Names longer than kMaxGazetteerTokens are skipped.
Status LoadGazetteer(const std::string& path, const std::string& lang, Gazetteer* out);

/// For lower-cased tokens, sets bits[i] |= type bits of every gazetteer name
/// covering token i, and bits[i] |= type bits << 4 where such a name begins.
void MatchGazetteer(const Gazetteer& gaz, const std::vector<std::string>& lower,
                    std::vector<uint8_t>* bits);

}  // namespace dateline::ner
