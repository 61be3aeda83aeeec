#!/bin/sh
# Rebuilds the bundled fonts (src/main/resources/com/gstcomms/documents/fonts) from Debian's
# fonts-noto-core (SIL OFL 1.1). Needs: apt-get install -y fonts-noto-core python3-fonttools
#
# Latin (regular + bold): the characters of Indian invoices in English plus the rupee sign;
# no hinting (PDF viewers do not need it) and no OpenType layout tables: PDFBox would apply
# Latin GSUB ligatures (fi, fl), whose glyphs have no Unicode mapping, so copied text would lose letters.
# Scripts (regular only): every character and the GSUB table (conjuncts, reph, vowel-sign forms, which
# PDFBox 3 applies for Devanagari and Bengali); no hinting; GPOS dropped (PDFBox does not read it).
set -eu
SRC=${SRC:-/usr/share/fonts/truetype/noto}
OUT=$(dirname "$0")/src/main/resources/com/gstcomms/documents/fonts
LATIN="U+0020-007E,U+00A0-017F,U+0192,U+0218-021B,U+02C6,U+02C7,U+02C9,U+02D8-02DD,U+2010-2027,U+2030-203A,U+2044,U+20B9,U+20AC,U+2122,U+2116,U+2190-2193,U+2212,U+25CF,U+FEFF"
for w in Regular Bold; do
  python3 -m fontTools.subset "$SRC/NotoSans-$w.ttf" --unicodes="$LATIN" --no-hinting --layout-features='' \
    --drop-tables+=DSIG,GPOS,GSUB,GDEF --name-IDs='*' --output-file="$OUT/NotoSans-$w.ttf"
done
for s in Devanagari Bengali Tamil; do
  python3 -m fontTools.subset "$SRC/NotoSans$s-Regular.ttf" --unicodes='*' --no-hinting --layout-features='*' \
    --drop-tables+=DSIG,GPOS --name-IDs='*' --output-file="$OUT/NotoSans$s-Regular.ttf"
done
ls -l "$OUT"
