#!/bin/sh
# Decoding time per second of audio of a speech checkpoint: times `engram predict` (WAV reading,
# resampling, features, the network, CTC decoding, printing) on every file of a manifest and on its
# first file alone, and divides the difference by the difference in audio seconds, so that the
# framework's start-up and the checkpoint's restore cancel out. Prints both runs and the ratio.
#   benchmarks/speech/decode-time.sh CHECKPOINT MANIFEST [ENGRAM]
set -eu
ckpt=$1
manifest=$2
engram=${3:-distribution/target/engram/bin/engram}
dir=$(cd "$(dirname "$manifest")" && pwd)
one=$(mktemp /tmp/engram-decode-XXXXXX.txt)
trap 'rm -f "$one"' EXIT
grep -v '^#' "$manifest" | head -1 | cut -f1 | sed "s#^#$dir/#" > "$one"
seconds() { /usr/bin/python3 - "$@" <<'PY'
import struct, sys
total = 0.0
for path in sys.argv[1:]:
    b = open(path, "rb").read()
    at, rate, data = 12, None, 0
    while at + 8 <= len(b):
        cid, size = b[at:at + 4], struct.unpack("<I", b[at + 4:at + 8])[0]
        if cid == b"fmt ":
            rate = struct.unpack("<I", b[at + 16:at + 20])[0]  # bytes per second
        if cid == b"data":
            data = size
        at += 8 + size + (size & 1)
    total += data / rate
print(f"{total:.3f}")
PY
}
all_files=$(grep -v '^#' "$manifest" | cut -f1 | sed "s#^#$dir/#")
all_s=$(seconds $all_files)
one_s=$(seconds $(cat "$one"))
now() { date +%s.%N; }
t0=$(now); "$engram" predict "$ckpt" "$one" > /dev/null; t1=$(now)
"$engram" predict "$ckpt" "$manifest" > /dev/null; t2=$(now)
/usr/bin/python3 -c "
one, every = $t1 - $t0, $t2 - $t1
print(f'one file ({$one_s:.2f} s of audio): {one:.2f} s; all files ({$all_s:.2f} s of audio): {every:.2f} s')
print(f'decoding time per second of audio: {(every - one) / ($all_s - $one_s):.4f} s (real-time factor)')"
