#!/bin/sh
# Decoding time per second of audio of a speech checkpoint: times `engram predict` (WAV reading,
# resampling, features, the network, CTC decoding, printing) on every file of a manifest listed
# REPEAT times (default 5) and on its first file alone, each the fastest of three runs, and divides
# the difference by the difference in audio seconds, so that the framework's start-up and the
# checkpoint's restore cancel out. Prints both timings and the ratio (the real-time factor).
#   benchmarks/speech/decode-time.sh CHECKPOINT MANIFEST [REPEAT [ENGRAM]]
set -eu
ckpt=$1
manifest=$2
repeat=${3:-5}
engram=${4:-distribution/target/engram/bin/engram}
dir=$(cd "$(dirname "$manifest")" && pwd)
one=$(mktemp /tmp/engram-decode-XXXXXX.txt)
many=$(mktemp /tmp/engram-decode-XXXXXX.txt)
trap 'rm -f "$one" "$many"' EXIT
grep -v '^#' "$manifest" | head -1 | cut -f1 | sed "s#^#$dir/#" > "$one"
for i in $(seq "$repeat"); do grep -v '^#' "$manifest" | cut -f1 | sed "s#^#$dir/#"; done > "$many"
seconds() { /usr/bin/python3 - "$1" <<'PY'
import struct, sys
total = 0.0
for path in open(sys.argv[1]).read().split():
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
fastest() {
  best=""
  for i in 1 2 3; do
    t0=$(date +%s.%N); "$engram" predict "$ckpt" "$1" > /dev/null; t1=$(date +%s.%N)
    best=$(/usr/bin/python3 -c "t = $t1 - $t0; b = '$best'; print(min(t, float(b)) if b else t)")
  done
  echo "$best"
}
one_s=$(seconds "$one"); many_s=$(seconds "$many")
t_one=$(fastest "$one"); t_many=$(fastest "$many")
/usr/bin/python3 -c "
print(f'one file ({$one_s:.2f} s of audio): {$t_one:.2f} s; {$repeat} x the manifest ({$many_s:.2f} s of audio): {$t_many:.2f} s')
print(f'decoding time per second of audio: {($t_many - $t_one) / ($many_s - $one_s):.4f} s (real-time factor)')"
