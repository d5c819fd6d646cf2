package io.engram.app.speech.internal;

import io.engram.api.Hyperparameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of {@link Features}, from the job's {@code data.*} keys; written into checkpoints as
 * {@code key=value} strings ({@link #asStrings}) so that {@code engram predict} computes the same
 * features. Immutable.
 *
 * @param rate     the feature sample rate in Hz; audio is resampled to it
 * @param windowMs the analysis window in milliseconds
 * @param hopMs    the hop between windows in milliseconds
 * @param window   {@code hann} or {@code hamming} (periodic)
 * @param nfft     the FFT length, a power of two at least the window's samples; 0 picks the least such
 * @param mels     the number of mel bands
 * @param kind     {@code mfcc} or {@code logmel}
 * @param ceps     MFCCs kept (c0 included), for {@code mfcc}
 * @param deltas   0: the features alone; 1: with deltas; 2: with deltas and delta-deltas
 * @param stack    frames stacked into one step (and the step rate divided by it)
 */
record FeatureSettings(int rate, double windowMs, double hopMs, String window, int nfft, int mels, String kind,
                       int ceps, int deltas, int stack) {

    /** The settings in the validated {@code data.*} parameters. */
    static FeatureSettings of(Hyperparameters h) {
        return new FeatureSettings(h.getInt("sample.rate"), h.getDouble("window.ms"), h.getDouble("hop.ms"),
                h.getString("window"), h.getInt("nfft"), h.getInt("mels"), h.getString("features"), h.getInt("ceps"),
                h.getInt("deltas"), h.getInt("stack"));
    }

    /** The settings as {@code key=value} strings, with {@code data.*}'s key names. */
    List<String> asStrings() {
        List<String> out = new ArrayList<>();
        asMap().forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** The keys and values of {@link #asStrings} as a map, for {@code Schema.validate}. */
    Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sample.rate", Integer.toString(rate));
        m.put("window.ms", Double.toString(windowMs));
        m.put("hop.ms", Double.toString(hopMs));
        m.put("window", window);
        m.put("nfft", Integer.toString(nfft));
        m.put("mels", Integer.toString(mels));
        m.put("features", kind);
        m.put("ceps", Integer.toString(ceps));
        m.put("deltas", Integer.toString(deltas));
        m.put("stack", Integer.toString(stack));
        return m;
    }

    /** Samples in one window. */
    int windowSamples() {
        return (int) Math.round(rate * windowMs / 1000);
    }

    /** Samples between two windows. */
    int hopSamples() {
        return Math.max(1, (int) Math.round(rate * hopMs / 1000));
    }

    /** The FFT length used. */
    int fftLength() {
        if (nfft > 0) {
            return nfft;
        }
        int n = 1;
        while (n < windowSamples()) {
            n <<= 1;
        }
        return n;
    }

    /** Values per frame before stacking. */
    int frameSize() {
        return (kind.equals("mfcc") ? ceps : mels) * (1 + deltas);
    }

    /** The network's input size: values per step. */
    int inputSize() {
        return frameSize() * stack;
    }

    /**
     * What is wrong with these settings beyond each key's own range, as (key, message) pairs: an FFT
     * shorter than the window or not a power of two, more cepstra than mel bands.
     */
    Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        int n = fftLength();
        if (windowSamples() < 2) {
            p.put("window.ms", windowMs + " ms at " + rate + " Hz is " + windowSamples() + " samples; at least 2 needed");
        }
        if (Integer.bitCount(n) != 1 || n < windowSamples()) {
            p.put("nfft", n + " must be a power of two of at least the window's " + windowSamples() + " samples");
        }
        if (kind.equals("mfcc") && ceps > mels) {
            p.put("ceps", ceps + " cepstra from " + mels + " mel bands; at most as many as the bands");
        }
        return p;
    }
}
