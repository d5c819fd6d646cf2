package io.engram.family.historycompressor.internal;

/**
 * Which inputs reach which level: the principle of history compression (Schmidhuber 1992): a level passes up only the inputs it failed to predict. Computed on the host from values, so
 * no gradient flows through the decision (a mask, like the clockwork's active modules). Stateless.
 *
 * <p>An input is "predicted" by the stack of levels {@code 0..k} when the largest of the first
 * {@code p} entries of that stack's prediction made at the previous step is at the same place as
 * the largest of the input's first {@code p} entries ({@code p} the smaller of the input and output
 * sizes; with one-hot symbols and outputs over the same symbols, the predicted symbol is the one that
 * came). Nothing is predicted before the first step, so the first input reaches every level.
 */
final class Surprise {
    /** The stored prediction before the first step: no symbol, so never right. */
    static final double NONE = -1;

    private Surprise() {
    }

    /** The place of the largest of the first {@code p} entries of each of the {@code rows} rows of {@code values [rows, cols]}. */
    static int[] argmax(double[] values, int rows, int cols, int p) {
        int[] best = new int[rows];
        for (int r = 0; r < rows; r++) {
            int at = 0;
            for (int c = 1; c < p; c++) {
                if (values[r * cols + c] > values[r * cols + at]) {
                    at = c;
                }
            }
            best[r] = at;
        }
        return best;
    }

    /**
     * {@code reach[k][b]}: whether sequence {@code b}'s input reaches level {@code k}. Level 0 sees
     * every input; level {@code k + 1} sees it when level {@code k} did and the stack up to level
     * {@code k} predicted another symbol ({@code predicted[b * levels + k]}) than the one that came.
     */
    static boolean[][] reach(double[] predicted, int[] actual, int batch, int levels) {
        boolean[][] reach = new boolean[levels][batch];
        for (int b = 0; b < batch; b++) {
            reach[0][b] = true;
            for (int k = 1; k < levels; k++) {
                reach[k][b] = reach[k - 1][b] && predicted[b * levels + k - 1] != actual[b];
            }
        }
        return reach;
    }
}
