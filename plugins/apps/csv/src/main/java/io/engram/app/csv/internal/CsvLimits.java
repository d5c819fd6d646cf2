package io.engram.app.csv.internal;

/**
 * The largest inputs the csv application reads; anything larger is refused, naming the file and
 * line, before its data is allocated. Immutable.
 *
 * @param fileBytes      largest file, in bytes
 * @param columns        most columns in a header
 * @param lineChars      longest line, in characters
 * @param sequenceSteps  most steps of one sequence
 */
record CsvLimits(long fileBytes, int columns, int lineChars, int sequenceSteps) {

    /** Default largest file: 1 GiB. */
    static final long FILE_BYTES = 1L << 30;
    /** Default most columns: 100,000. */
    static final int COLUMNS = 100_000;
    /** Default longest line: 1,000,000 characters. */
    static final int LINE_CHARS = 1_000_000;
    /** Default most steps of a sequence: 1,000,000. */
    static final int SEQUENCE_STEPS = 1_000_000;

    static final CsvLimits DEFAULT = new CsvLimits(FILE_BYTES, COLUMNS, LINE_CHARS, SEQUENCE_STEPS);

    static CsvLimits of(CsvConfiguration c) {
        return new CsvLimits(Math.min(c.max_file_bytes(), Integer.MAX_VALUE - 8), c.max_columns(),
                c.max_line_chars(), c.max_sequence_steps());
    }
}
