#!/usr/bin/python3
"""Synthesises a spoken-digit corpus with espeak-ng, for the speech application's example.

Each utterance is two to four digit words ("three one four"), spoken by espeak-ng (22,050 Hz) with
a voice (an English accent plus a voice variant), a speed (words per minute) and a pitch drawn from a
seeded generator, trimmed of leading and trailing silence (below 1 % of full scale, keeping 40 ms),
resampled to 8 kHz (band-limited: the FFT of the whole utterance cut at the new Nyquist frequency and
inverted) and written as 8-bit G.711 mu-law WAV (format 7, with a fact chunk). The test split uses
voices whose accent and variant both appear in no training or validation utterance.

    /usr/bin/python3 benchmarks/speech/build_digits.py OUT_DIR [TRAIN VALIDATION TEST] [SEED]

writes OUT_DIR/{train,validation,test}.tsv (path<TAB>transcript, paths relative to OUT_DIR) and
OUT_DIR/wav/SPLIT/NNNN.wav. Needs Debian's espeak-ng and python3-numpy.
"""
import os
import random
import struct
import subprocess
import sys
import tempfile
import wave

import numpy as np

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TRAIN_ACCENTS = ["en-us", "en-gb", "en-gb-scotland", "en-gb-x-rp", "en-gb-x-gbclan"]
TRAIN_VARIANTS = ["m1", "m2", "m4", "m5", "m6", "m7", "m8", "f1", "f2", "f4", "f5", "klatt", "klatt2", "klatt4",
                  "adam", "linda", "david", "annie", "steph", "benjamin"]
TEST_ACCENTS = ["en-029", "en-gb-x-gbcwmd"]
TEST_VARIANTS = ["m3", "f3"]
RATE = 8000


def speak(text, voice, speed, pitch):
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", tmp.name, text],
                       check=True)
        with wave.open(tmp.name) as w:
            rate = w.getframerate()
            x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768.0
    return x, rate


def trim(x, rate):
    loud = np.nonzero(np.abs(x) > 0.01)[0]
    if len(loud) == 0:
        return x
    margin = int(0.04 * rate)
    return x[max(0, loud[0] - margin):loud[-1] + margin]


def resample(x, rate, to):
    n = int(len(x) * to // rate)
    spectrum = np.fft.rfft(x)
    keep = n // 2 + 1
    cut = np.zeros(keep, dtype=complex)
    cut[:min(keep, len(spectrum))] = spectrum[:keep]
    return np.fft.irfft(cut, n) * (n / len(x))


def mulaw(x):
    s = np.clip(np.round(x * 32767), -32768, 32767).astype(np.int64)
    sign = np.where(s < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(s), 32635) + 0x84
    segment = np.floor(np.log2(magnitude)).astype(np.int64) - 7
    segment = np.clip(segment, 0, 7)
    step = (magnitude >> (segment + 3)) & 0x0F
    return (~(sign | (segment << 4) | step) & 0xFF).astype(np.uint8)


def write_mulaw(path, x):
    data = mulaw(x).tobytes()
    fmt = struct.pack("<HHIIHHH", 7, 1, RATE, RATE, 1, 8, 0)
    fact = struct.pack("<I", len(data))
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"fact" + struct.pack("<I", 4) + fact
    body += b"data" + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", len(body)) + body)


def split(out, name, count, accents, variants, rng):
    os.makedirs(os.path.join(out, "wav", name), exist_ok=True)
    lines = ["# path<TAB>transcript: espeak-ng voices " + ", ".join(a + "+" + v for a in accents for v in variants)]
    for i in range(count):
        text = " ".join(rng.choice(DIGITS) for _ in range(rng.randint(2, 4)))
        voice = rng.choice(accents) + "+" + rng.choice(variants)
        x, rate = speak(text, voice, rng.randint(130, 210), rng.randint(25, 75))
        y = resample(trim(x, rate), rate, RATE)
        y = 0.9 * y / max(1e-9, np.max(np.abs(y)))
        rel = f"wav/{name}/{i:04d}.wav"
        write_mulaw(os.path.join(out, rel), y)
        lines.append(f"{rel}\t{text}")
    with open(os.path.join(out, name + ".tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    out = sys.argv[1]
    sizes = [int(v) for v in sys.argv[2:5]] if len(sys.argv) >= 5 else [400, 40, 80]
    rng = random.Random(int(sys.argv[5]) if len(sys.argv) >= 6 else 2014)
    split(out, "train", sizes[0], TRAIN_ACCENTS, TRAIN_VARIANTS, rng)
    split(out, "validation", sizes[1], TRAIN_ACCENTS, TRAIN_VARIANTS, rng)
    split(out, "test", sizes[2], TEST_ACCENTS, TEST_VARIANTS, rng)


if __name__ == "__main__":
    main()
