// Named entities: people, organisations, places and other names found in news
// text by a statistical sequence tagger (one model per language, bundled into
// the binary), each with a key shared by every spelling of the same name.
// See doc/entities.md and doc/ner-model.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dateline/status.h"

namespace dateline {

enum class EntityType : uint8_t { kPer = 0, kOrg = 1, kLoc = 2, kMisc = 3 };

/// "PER", "ORG", "LOC" or "MISC".
std::string_view EntityTypeName(EntityType t);
/// Parses "PER"/"ORG"/"LOC"/"MISC" (any case; also "person", "org",
/// "organisation", "organization", "place", "location"); false when unknown.
bool ParseEntityType(std::string_view s, EntityType* out);

/// One entity mention found by the tagger: byte offsets into the tagged text.
struct EntityMention {
  uint32_t start = 0;  // first byte of the name
  uint32_t end = 0;    // one past its last byte
  EntityType type = EntityType::kMisc;
};

/// A trained named-entity tagger for one language. Immutable once loaded;
/// Tag() may be called from many threads at once.
class NerTagger {
 public:
  virtual ~NerTagger() = default;
  /// The model bundled into the binary for `lang` (ISO 639-1: nl en de fr es
  /// it), or nullptr when there is none for that language.
  static const NerTagger* Bundled(std::string_view lang);
  /// Loads a model file written by `dateline train-ner`. Corruption when the
  /// file is damaged or of another format version; IOError when unreadable.
  static Status Load(const std::string& path, std::unique_ptr<NerTagger>* out);
  /// Appends the entity mentions of `text` (UTF-8, any length) in text order,
  /// never overlapping. Deterministic.
  virtual void Tag(std::string_view text, std::vector<EntityMention>* out) const = 0;
  /// The language code the model was trained for.
  virtual std::string_view lang() const = 0;
};

/// The identity key of a name: every spelling of one entity in any language
/// shares it ("Gaddafi", "Kadhafi", "al-Qadhafi" -> one key; "VN", "UN",
/// "Verenigde Naties", "ONU" -> one key). Lower-case ASCII or folded UTF-8,
/// never empty for a non-empty name; deterministic. `lang` is the language of
/// the text the name was found in ("" when unknown).
std::string EntityKey(std::string_view name, EntityType type, std::string_view lang);

/// A mention with its text and key, as stored and shown.
struct Entity {
  uint32_t start = 0;
  uint32_t end = 0;
  EntityType type = EntityType::kMisc;
  std::string text;  // the name as written (line breaks inside it become spaces)
  std::string key;   // EntityKey(text, type, lang)
};

}  // namespace dateline
