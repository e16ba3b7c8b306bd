// `dateline train-ner` and `dateline eval-ner`: placeholder until the NER helper lands.
#include <cstdio>

#include "cli/common.h"

namespace dateline::cli {
int RunTrainNer(int, char**) {
  std::fputs("dateline: train-ner is not built yet\n", stderr);
  return kExitRuntime;
}
int RunEvalNer(int, char**) {
  std::fputs("dateline: eval-ner is not built yet\n", stderr);
  return kExitRuntime;
}
}  // namespace dateline::cli
