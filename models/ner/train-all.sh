#!/bin/sh
# Rebuilds the bundled NER models bit for bit (see <lang>.MODEL.md).
# Usage: models/ner/train-all.sh DATELINE_BINARY SHARED_DATA_DIR [LANG...]
# e.g.   models/ner/train-all.sh build/bin/dateline ../shared/data nl en
set -eu
BIN=$1
D=$2
shift 2
OUT=$(cd "$(dirname "$0")" && pwd)
TMP=${TMPDIR:-/tmp}/dateline-ner-split
mkdir -p "$TMP"
LANGS=${*:-"nl es en de fr it"}

# The gazetteer (GeoNames places, PETRARCH2 people and organisations); for nl and
# es also the names of the silver Wikipedia corpora WikiNEuRal and WikiANN: all their
# languages for nl, Spanish for es (not for de, fr, it, whose dev sets come from
# WikiNEuRal).
python3 "$OUT/make-gazetteer.py" "$D" "$TMP/gazetteer.tsv"
python3 "$OUT/make-gazetteer.py" "$D" "$TMP/gazetteer-silver.tsv" --silver
python3 "$OUT/make-gazetteer.py" "$D" "$TMP/gazetteer-silver-es.tsv" --silver es

# Settings chosen on the dev sets (doc/ner-model.md).
COMMON="--epochs 25 --seed 1 --min-count 1 --prune 0.1"
GAZ="--gazetteer $TMP/gazetteer.tsv"
NL_FLAGS="$COMMON --gazetteer $TMP/gazetteer-silver.tsv --upper-every 3 --clusters 0"
ES_FLAGS="$COMMON --gazetteer $TMP/gazetteer-silver-es.tsv --upper-every 3 --clusters 0"
EN_FLAGS="$COMMON $GAZ --upper-every 4 --clusters 256"
for f in "$D"/reuters21578/reut2-0*.sgm; do EN_FLAGS="$EN_FLAGS --unlabelled $f"; done
WN_FLAGS="$COMMON $GAZ --upper-every 4 --clusters 0"

# de, fr, it: WikiNEuRal has no train split here; its val.conllu is split by
# sentence: every 10th sentence (1-based number divisible by 10) is dev, the rest train.
split() {
  awk -v RS= -v ORS='\n\n' 'NR%10!=0' "$D/wikineural/$1/val.conllu" >"$TMP/$1.train.conllu"
  awk -v RS= -v ORS='\n\n' 'NR%10==0' "$D/wikineural/$1/val.conllu" >"$TMP/$1.dev.conllu"
}

for l in $LANGS; do
  case $l in
    nl) "$BIN" train-ner --lang nl --train "$D/conll2002/ned.train" --dev "$D/conll2002/ned.testa" \
          --out "$OUT/nl.dlner" $NL_FLAGS ;;
    es) "$BIN" train-ner --lang es --train "$D/conll2002/esp.train" --dev "$D/conll2002/esp.testa" \
          --out "$OUT/es.dlner" $ES_FLAGS ;;
    en) "$BIN" train-ner --lang en --train "$D/conll2003/en/train.conllu" \
          --dev "$D/conll2003/en/val.conllu" --out "$OUT/en.dlner" $EN_FLAGS ;;
    de|fr|it) split $l
          "$BIN" train-ner --lang $l --train "$TMP/$l.train.conllu" --dev "$TMP/$l.dev.conllu" \
          --out "$OUT/$l.dlner" $WN_FLAGS ;;
    *) echo "unknown language $l" >&2; exit 2 ;;
  esac
done
