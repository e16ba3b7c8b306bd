// `dateline train-ner` and `dateline eval-ner`: training and scoring the
// named-entity tagger on CoNLL files (doc/ner-model.md).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "cli/common.h"
#include "dateline/entities.h"
#include "extract/ner/clusters.h"
#include "extract/ner/conll.h"
#include "extract/ner/gazetteer.h"
#include "extract/ner/model.h"
#include "extract/ner/train.h"
#include "util/file.h"
#include "util/json.h"

namespace dateline::cli {
namespace {

bool KnownLang(const std::string& lang) {
  return lang == "nl" || lang == "en" || lang == "de" || lang == "fr" || lang == "es" ||
         lang == "it";
}

Status ReadAllConll(const std::vector<std::string>& paths, std::vector<ner::Sentence>* out) {
  for (const std::string& p : paths) DL_RETURN_IF_ERROR(ner::ReadConll(p, out));
  return Status::OK();
}

void PrintTable(const ner::Scores& s) {
  uint64_t gold = 0, pred = 0, correct = 0;
  for (int t = 0; t < 4; ++t) gold += s.gold[t], pred += s.pred[t], correct += s.correct[t];
  std::printf("processed %llu tokens with %llu phrases; found: %llu phrases; correct: %llu.\n",
              (unsigned long long)s.tokens, (unsigned long long)gold, (unsigned long long)pred,
              (unsigned long long)correct);
  const double acc = s.tokens == 0 ? 0 : 100.0 * double(s.correct_tokens) / double(s.tokens);
  std::printf("accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", acc,
              s.Precision(), s.Recall(), s.F1());
  for (int t = 0; t < 4; ++t) {
    const std::string name(EntityTypeName(static_cast<EntityType>(t)));
    std::printf("%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %llu\n", name.c_str(),
                s.Precision(t), s.Recall(t), s.F1(t), (unsigned long long)s.pred[t]);
  }
}

std::string ScoresJson(const ner::Scores& s, double tokens_per_second) {
  JsonObject per_type;
  for (int t = 0; t < 4; ++t) {
    if (s.gold[t] + s.pred[t] == 0) continue;
    per_type.Raw(EntityTypeName(static_cast<EntityType>(t)), JsonObject()
                                                                 .Num("precision", s.Precision(t))
                                                                 .Num("recall", s.Recall(t))
                                                                 .Num("f1", s.F1(t))
                                                                 .Finish());
  }
  return JsonObject()
      .Num("precision", s.Precision())
      .Num("recall", s.Recall())
      .Num("f1", s.F1())
      .Num("tokens_per_second", tokens_per_second)
      .Raw("per_type", per_type.Finish())
      .Finish();
}

}  // namespace

int RunTrainNer(int argc, char** argv) {
  CLI::App app{"Train a named-entity tagger model on CoNLL files", "dateline train-ner"};
  ner::TrainOptions o;
  ner::ClusterOptions co;
  std::vector<std::string> train, unlabelled;
  std::string dev, out, gazetteer_path;
  app.add_option("--lang", o.lang, "Language of the model (nl en de fr es it)")->required();
  app.add_option("--train", train, "Training file (CoNLL); repeatable")->required();
  app.add_option("--dev", dev, "Development file (CoNLL): scored each epoch, best epoch kept");
  app.add_option("--out", out, "Model file to write")->required();
  app.add_option("--epochs", o.epochs, "Training epochs (default 10)");
  app.add_option("--seed", o.seed, "Seed of the sentence order (default 1)");
  app.add_option("--min-count", o.min_count, "Drop features seen fewer times (default 2)");
  app.add_option("--prune", o.prune, "Drop features with smaller averaged weights (default 0.5)");
  app.add_option("--upper-every", o.upper_every,
                 "Add an all-caps copy of every n-th sentence (default 8; 0: none)");
  app.add_option("--unlabelled", unlabelled,
                 "Unlabelled text for word clusters: CoNLL files (token column) or raw text");
  app.add_option("--gazetteer", gazetteer_path, "Known names: TYPE<TAB>name lines");
  app.add_option("--clusters", co.fine, "Number of fine word clusters (default 256; 0: none)");
  DL_PARSE_FLAGS(app, argc, argv);
  if (!KnownLang(o.lang)) return Fail(Status::InvalidArgument("unknown language " + o.lang));
  std::vector<ner::Sentence> train_s, dev_s;
  if (Status s = ReadAllConll(train, &train_s); !s.ok()) return Fail(s);
  if (!dev.empty())
    if (Status s = ner::ReadConll(dev, &dev_s); !s.ok()) return Fail(s);
  ner::ClusterTable clusters;
  if (co.fine > 0) {
    co.lang = o.lang;
    co.seed = o.seed;
    if (Status s = ner::LearnClusters(train_s, unlabelled, co, &clusters); !s.ok()) return Fail(s);
    std::fprintf(stderr, "clusters: %zu words\n", clusters.size());
  }
  ner::Gazetteer gazetteer;
  if (!gazetteer_path.empty()) {
    if (Status s = ner::LoadGazetteer(gazetteer_path, o.lang, &gazetteer); !s.ok()) return Fail(s);
    std::fprintf(stderr, "gazetteer: %zu names\n", gazetteer.size());
  }
  ner::Model model;
  auto progress = [](const ner::EpochReport& r) {
    std::printf("epoch %d: dev F1 %.2f, %zu features%s, %.1f s\n", r.epoch, r.dev_f1, r.features,
                r.harmonize ? ", harmonised" : "", r.seconds);
    std::fflush(stdout);
  };
  if (Status s = ner::Train(train_s, dev_s, clusters, gazetteer, o, progress, &model); !s.ok())
    return Fail(s);
  const std::string bytes = model.Serialize();
  if (Status s = file::WriteFileAtomic(out, bytes); !s.ok()) return Fail(s);
  std::printf("wrote %s (%zu bytes, %zu features)\n", out.c_str(), bytes.size(),
              model.weights.size());
  return kExitOk;
}

int RunEvalNer(int argc, char** argv) {
  CLI::App app{"Score a named-entity tagger on a CoNLL file (conlleval semantics)",
               "dateline eval-ner"};
  std::string lang, path, model_path;
  bool json = false, tagger_path = false;
  app.add_option("--lang", lang, "Language (selects the bundled model)")->required();
  app.add_flag("--tagger-path", tagger_path,
               "Tag as at ingest (word-type cache, lower-case stretches left out) instead of "
               "with the plain features");
  app.add_option("--model", model_path, "Model file to use instead of the bundled one");
  app.add_flag("--json", json, "Print one JSON object with the scores");
  app.add_option("file", path, "CoNLL file with gold labels")->required();
  DL_PARSE_FLAGS(app, argc, argv);
  std::unique_ptr<NerTagger> loaded;
  const NerTagger* tagger = nullptr;
  if (!model_path.empty()) {
    if (Status s = NerTagger::Load(model_path, &loaded); !s.ok()) return Fail(s);
    tagger = loaded.get();
  } else {
    tagger = NerTagger::Bundled(lang);
    if (tagger == nullptr) return Fail(Status::NotFound("no bundled model for language " + lang));
  }
  const auto* pt = dynamic_cast<const ner::PerceptronTagger*>(tagger);
  if (pt == nullptr) return Fail(Status::InvalidArgument("not a perceptron tagger"));
  std::vector<ner::Sentence> sentences;
  if (Status s = ner::ReadConll(path, &sentences); !s.ok()) return Fail(s);
  double seconds = 0;
  const ner::Scores scores = tagger_path ? ner::EvaluateTagger(*pt, sentences, &seconds)
                                         : ner::Evaluate(pt->model(), sentences, &seconds);
  const double tps = seconds > 0 ? double(scores.tokens) / seconds : 0;
  if (json) {
    std::printf("%s\n", ScoresJson(scores, tps).c_str());
  } else {
    PrintTable(scores);
    std::printf("tokens per second: %.0f\n", tps);
  }
  return kExitOk;
}

}  // namespace dateline::cli
