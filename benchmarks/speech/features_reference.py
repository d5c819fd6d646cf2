#!/usr/bin/python3
"""Reference speech features in numpy, from the textbook definitions, for the speech application's tests.

Writes a deterministic fixture WAV (a 0.4 s linear chirp from 200 Hz to 3000 Hz plus a 440 Hz tone,
8 kHz, 16-bit PCM mono) and, for two settings, its features as the application computes them:

  frames     W = round(rate * window_ms / 1000) samples every H = round(rate * hop_ms / 1000),
             1 + (n - W) // H frames starting at sample 0 (no centring, no pre-emphasis, no dither)
  window     periodic Hann 0.5 - 0.5 cos(2 pi j / W) or Hamming 0.54 - 0.46 cos(2 pi j / W)
  spectrum   |rfft(frame, nfft)|^2
  mel        HTK mel(f) = 2595 log10(1 + f / 700); M + 2 edges equally spaced in mel over [0, rate / 2];
             triangular weights of peak 1; log energies ln(max(E, 1e-10))
  mfcc       orthonormal DCT-II of the log energies (scipy's dct(type=2, norm='ortho')), first `ceps`
  deltas     d_t = sum_{k=1,2} k (c_{t+k} - c_{t-k}) / 10 with edge frames repeated (HTK Book eq. 5.16);
             delta-deltas are deltas of deltas
  normalise  per utterance and dimension: (x - mean) / sqrt(var + 1e-10)
  stack      `stack` consecutive frames concatenated, every stack-th frame starting a step; the last
             step repeats the last frame as needed

Run:  /usr/bin/python3 benchmarks/speech/features_reference.py OUT_DIR
Writes OUT_DIR/chirp-8k.wav and OUT_DIR/features-reference.txt.
"""
import sys
import wave

import numpy as np

RATE = 8000

SETTINGS = [
    dict(name="mfcc", window_ms=25.0, hop_ms=10.0, window="hann", nfft=0, mels=26, kind="mfcc", ceps=13,
         deltas=2, stack=1),
    dict(name="logmel", window_ms=32.0, hop_ms=12.5, window="hamming", nfft=512, mels=20, kind="logmel", ceps=13,
         deltas=1, stack=2),
]


def chirp():
    t = np.arange(int(0.4 * RATE)) / RATE
    f0, f1, dur = 200.0, 3000.0, 0.4
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * dur))
    x = 0.5 * np.sin(phase) + 0.2 * np.sin(2 * np.pi * 440 * t)
    return np.round(x * 32767).astype(np.int16)


def write_wav(path, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.astype("<i2").tobytes())


def mel(f):
    return 2595.0 * np.log10(1.0 + f / 700.0)


def inv_mel(m):
    return 700.0 * (10.0 ** (m / 2595.0) - 1.0)


def filterbank(rate, nfft, bands):
    edges = inv_mel(np.linspace(0.0, mel(rate / 2.0), bands + 2))
    freqs = np.arange(nfft // 2 + 1) * rate / nfft
    fb = np.zeros((bands, len(freqs)))
    for m in range(1, bands + 1):
        rising = (freqs - edges[m - 1]) / (edges[m] - edges[m - 1])
        falling = (edges[m + 1] - freqs) / (edges[m + 1] - edges[m])
        fb[m - 1] = np.maximum(0.0, np.minimum(rising, falling))
    return fb


def dct_ortho(x, keep):
    m = x.shape[1]
    i = np.arange(keep)[:, None]
    j = np.arange(m)[None, :]
    basis = np.cos(np.pi * i * (j + 0.5) / m) * np.sqrt(np.where(i == 0, 1.0, 2.0) / m)
    return x @ basis.T


def delta(c):
    padded = np.pad(c, ((2, 2), (0, 0)), mode="edge")
    n = len(c)
    return sum(k * (padded[2 + k:2 + k + n] - padded[2 - k:2 - k + n]) for k in (1, 2)) / 10.0


def features(x, s):
    w = int(round(RATE * s["window_ms"] / 1000))
    h = max(1, int(round(RATE * s["hop_ms"] / 1000)))
    nfft = s["nfft"] or 1 << (w - 1).bit_length()
    j = np.arange(w)
    a = 0.54 if s["window"] == "hamming" else 0.5
    win = a - (1 - a) * np.cos(2 * np.pi * j / w)
    count = 1 if len(x) < w else 1 + (len(x) - w) // h
    frames = np.stack([np.pad(x[f * h:f * h + w], (0, max(0, w - len(x[f * h:f * h + w])))) for f in range(count)])
    power = np.abs(np.fft.rfft(frames * win, n=nfft, axis=1)) ** 2
    logmel = np.log(np.maximum(power @ filterbank(RATE, nfft, s["mels"]).T, 1e-10))
    base = dct_ortho(logmel, s["ceps"]) if s["kind"] == "mfcc" else logmel
    parts = [base]
    if s["deltas"] >= 1:
        parts.append(delta(base))
    if s["deltas"] >= 2:
        parts.append(delta(parts[1]))
    f = np.concatenate(parts, axis=1)
    f = (f - f.mean(axis=0)) / np.sqrt(f.var(axis=0) + 1e-10)
    k = s["stack"]
    steps = -(-len(f) // k)
    idx = np.minimum(np.arange(steps * k), len(f) - 1)
    return f[idx].reshape(steps, k * f.shape[1])


def main():
    out = sys.argv[1]
    samples = chirp()
    write_wav(out + "/chirp-8k.wav", samples)
    x = samples.astype(np.float64) / 32768.0
    lines = ["# features of chirp-8k.wav by benchmarks/speech/features_reference.py (numpy " + np.__version__ + ")"]
    for s in SETTINGS:
        f = features(x, s)
        lines.append("settings " + " ".join(f"{k}={v}" for k, v in s.items()))
        lines.append(f"shape {f.shape[0]} {f.shape[1]}")
        lines += [" ".join(repr(float(v)) for v in row) for row in f]
        lines.append("end")
    with open(out + "/features-reference.txt", "w") as fh:
        fh.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
