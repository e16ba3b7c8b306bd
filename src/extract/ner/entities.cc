// The public NER entry points: entity type names, model loading, bundled models.
#include "dateline/entities.h"

#include <array>
#include <cctype>
#include <mutex>

#include "extract/ner/model.h"
#include "util/file.h"

// Bundled models: src/extract/ner/embed.cmake embeds models/ner/<lang>.dlner
// and defines DL_NER_MODEL_<lang> for each language that has one.
#define DL_NER_DECLARE(lang)                            \
  extern "C" const unsigned char dl_ner_model_##lang[]; \
  extern "C" const unsigned char dl_ner_model_##lang##_end[];
#define DL_NER_ENTRY(lang) {#lang, dl_ner_model_##lang, dl_ner_model_##lang##_end, {}, nullptr},
#define DL_NER_NONE(lang) {#lang, nullptr, nullptr, {}, nullptr},
#ifdef DL_NER_MODEL_nl
DL_NER_DECLARE(nl)
#define DL_NER_nl DL_NER_ENTRY(nl)
#else
#define DL_NER_nl DL_NER_NONE(nl)
#endif
#ifdef DL_NER_MODEL_en
DL_NER_DECLARE(en)
#define DL_NER_en DL_NER_ENTRY(en)
#else
#define DL_NER_en DL_NER_NONE(en)
#endif
#ifdef DL_NER_MODEL_de
DL_NER_DECLARE(de)
#define DL_NER_de DL_NER_ENTRY(de)
#else
#define DL_NER_de DL_NER_NONE(de)
#endif
#ifdef DL_NER_MODEL_fr
DL_NER_DECLARE(fr)
#define DL_NER_fr DL_NER_ENTRY(fr)
#else
#define DL_NER_fr DL_NER_NONE(fr)
#endif
#ifdef DL_NER_MODEL_es
DL_NER_DECLARE(es)
#define DL_NER_es DL_NER_ENTRY(es)
#else
#define DL_NER_es DL_NER_NONE(es)
#endif
#ifdef DL_NER_MODEL_it
DL_NER_DECLARE(it)
#define DL_NER_it DL_NER_ENTRY(it)
#else
#define DL_NER_it DL_NER_NONE(it)
#endif

namespace dateline {
namespace {

struct BundledModel {
  std::string_view lang;
  const unsigned char* begin;
  const unsigned char* end;
  std::once_flag once;
  std::unique_ptr<NerTagger> tagger;
};

std::array<BundledModel, 6>& BundledModels() {
  static std::array<BundledModel, 6> models = {
      {DL_NER_nl DL_NER_en DL_NER_de DL_NER_fr DL_NER_es DL_NER_it}};
  return models;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

}  // namespace

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer:
      return "PER";
    case EntityType::kOrg:
      return "ORG";
    case EntityType::kLoc:
      return "LOC";
    case EntityType::kMisc:
      return "MISC";
  }
  return "MISC";
}

bool ParseEntityType(std::string_view s, EntityType* out) {
  const std::string l = Lower(s);
  if (l == "per" || l == "person") {
    *out = EntityType::kPer;
  } else if (l == "org" || l == "organisation" || l == "organization") {
    *out = EntityType::kOrg;
  } else if (l == "loc" || l == "location" || l == "place") {
    *out = EntityType::kLoc;
  } else if (l == "misc") {
    *out = EntityType::kMisc;
  } else {
    return false;
  }
  return true;
}

const NerTagger* NerTagger::Bundled(std::string_view lang) {
  for (BundledModel& b : BundledModels()) {
    if (b.lang != lang) continue;
    std::call_once(b.once, [&b] {
      if (b.begin == nullptr || b.end == nullptr || b.end <= b.begin) return;
      auto model = std::make_shared<ner::Model>();
      const std::string_view bytes(reinterpret_cast<const char*>(b.begin), b.end - b.begin);
      Status s = ner::Model::Parse(bytes, "bundled model " + std::string(b.lang), model.get());
      if (s.ok()) b.tagger = std::make_unique<ner::PerceptronTagger>(std::move(model));
    });
    return b.tagger.get();
  }
  return nullptr;
}

Status NerTagger::Load(const std::string& path, std::unique_ptr<NerTagger>* out) {
  std::string data;
  DL_RETURN_IF_ERROR(file::ReadFile(path, &data));
  auto model = std::make_shared<ner::Model>();
  DL_RETURN_IF_ERROR(ner::Model::Parse(data, path, model.get()));
  *out = std::make_unique<ner::PerceptronTagger>(std::move(model));
  return Status::OK();
}

}  // namespace dateline
