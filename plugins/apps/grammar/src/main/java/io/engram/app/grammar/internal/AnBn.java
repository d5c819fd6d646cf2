package io.engram.app.grammar.internal;

import io.engram.api.Dataset;
import io.engram.api.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The context-free language a<sup>n</sup>b<sup>n</sup> ({@code n >= 1}) as string classification,
 * with the layout of {@link Dyck}: {@code a} and {@code b} are inputs 0 and 1, between the start
 * symbol (3) and the end symbol (2), which carries the only target (1 to accept, 0 to reject).
 *
 * <p>Strings are drawn balanced between the verdicts, with {@code n} uniform in a range: an accepted
 * string is a<sup>n</sup>b<sup>n</sup>; a rejected one is, with probability 1/2 each,
 * a<sup>n</sup>b<sup>m</sup> with {@code m} one of {@code n - 2 .. n + 2} other than {@code n} (and at
 * least 1), or an arrangement of {@code n} a's and {@code n} b's other than a<sup>n</sup>b<sup>n</sup>
 * (the counts alone cannot tell it). Stateless.
 */
final class AnBn {

    private AnBn() {
    }

    /** {@code count} strings with {@code n} in {@code [minN, maxN]} ({@code 1 <= minN <= maxN}). */
    static Dataset strings(SplittableRandom r, int count, int minN, int maxN) {
        List<Sequence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = minN + r.nextInt(maxN - minN + 1);
            boolean accept = r.nextBoolean();
            int[] s;
            if (accept) {
                s = block(n, n);
            } else if (r.nextBoolean()) {
                int m;
                do {
                    m = n - 2 + r.nextInt(5);
                } while (m == n || m < 1);
                s = block(n, m);
            } else {
                s = arrangement(r, n);
            }
            out.add(Dyck.sequence(s, accept));
        }
        return new Dataset(out, Dyck.INPUTS, 1);
    }

    /** {@code n} a's then {@code m} b's. */
    static int[] block(int n, int m) {
        int[] s = new int[n + m];
        for (int i = n; i < s.length; i++) {
            s[i] = 1;
        }
        return s;
    }

    /** {@code n} a's and {@code n} b's in an order other than a<sup>n</sup>b<sup>n</sup>. */
    static int[] arrangement(SplittableRandom r, int n) {
        if (n == 1) {
            return new int[] {1, 0};
        }
        int[] s = block(n, n);
        int i = r.nextInt(n);
        int j = n + r.nextInt(n);
        s[i] = 1;
        s[j] = 0;
        return s;
    }

    /** Whether {@code s} is a<sup>n</sup>b<sup>n</sup> for some {@code n >= 1}. */
    static boolean accepts(int[] s) {
        int half = s.length / 2;
        if (s.length == 0 || s.length % 2 != 0) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (s[i] != (i < half ? 0 : 1)) {
                return false;
            }
        }
        return true;
    }
}
