package io.engram.train;

import io.engram.api.CheckpointMetadata;
import io.engram.api.Payloads;
import io.engram.api.TrainerState;
import io.engram.tensor.Ops;
import io.engram.tensor.Tensor;
import io.engram.train.internal.CheckpointCodec;
import io.vavr.control.Try;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The checkpoint file: a network's parameters with the metadata needed to rebuild it, the named
 * payloads of its family and application, and optionally the trainer's state to resume its job.
 *
 * <h2>Format, version 3</h2>
 * All integers are little-endian; {@code str} is a {@code u32} byte count followed by that many
 * bytes of UTF-8.
 * <pre>
 * offset  size  field
 * 0       8     magic "ENGRAMCK" (45 4E 47 52 41 4D 43 4B)
 * 8       4     u32  format version (3)
 * 12      4     u32  M, the length of the metadata block
 * 16      M     metadata block: one JSON object in printable ASCII,
 *                 {"familyBundle":s,"familyVersion":s,
 *                  "spec":{"family":s,"inputSize":n,"outputSize":n,"dtype":"f32"|"f64",
 *                          "hyper":{name:[type,value],...}},   type: int|long|double|boolean|string
 *                  "provenance":null | {"seed":n,"dataSource":s,"dataDigest":s,
 *                          "bundles":[{"symbolicName":s,"version":s},...],
 *                          "jobSpec":{key:s,...},"createdAt":s,"environment":{key:s,...}}}
 *               inside its strings only A-Z a-z 0-9, space and . _ , : / = + - @ stand for
 *               themselves; every other character is written as a JSON escape, backslash,
 *               u and four hex digits, so no
 *               newline, ; | &amp; $ ` ' &lt; &gt; ( ) or raw quote of the spec's text reaches the file
 * 16+M    4     u32  N, number of tensors (the network's parameters), then N times:
 *                 str  name
 *                 u8   dtype: 1 = f32, 2 = f64
 *                 u8   rank r
 *                 r x u32  extents, outermost first
 *                 data: the elements row-major, IEEE 754 binary32 or binary64
 *         4     u32  P, number of payloads, then P times:
 *                 str  name (non-empty, each name once)
 *                 u8   kind: 1 = integers, 2 = numbers, 3 = strings
 *                 u32  K, number of elements, then K times by kind:
 *                      i64 | f64 (finite) | str
 *         1     u8   trainer state: 0 = none (nothing follows), 1 = present, then:
 *                 u32  S, the length of the trainer state block
 *                 S    trainer state block: one JSON object, escaped like the metadata block,
 *                        {"trainer":s,"integers":{key:n,...},
 *                         "numbers":{key:n|"NaN"|"Infinity"|"-Infinity",...},"texts":{key:s,...}}
 *                      numbers in the shortest form that reads back to the same double
 *                 u32  T, number of the trainer's tensors, then T tensors as above
 * L-32    32    SHA-256 of bytes 0 to L-33 (everything before the trailer); L is the file length
 * </pre>
 * The trainer state of {@code io.engram.train.GradientTraining} holds under integers the seed,
 * the last completed {@code epoch}, the optimiser's step count {@code optimizer.steps} and the
 * early-stopping counters; under numbers the epoch's losses, metrics and the best validation loss;
 * under texts the optimiser id and why training stopped, if it did; and as tensors the optimiser's
 * moments ({@code optimizer.<moment>.<parameter>}) and, with patience, the best parameters
 * ({@code best.<parameter>}).
 *
 * <h2>Format, version 2 (read, no longer written)</h2>
 * The frame, metadata block and tensors of version 3; the file ends with the last tensor (no
 * payloads, no trainer state).
 *
 * <h2>Format, version 1 (read, no longer written)</h2>
 * The frame and tensors of version 2; the metadata block is binary, each {@code str} raw UTF-8 (the count
 * {@code 0xFFFFFFFF} stands for a missing value):
 * <pre>
 *   str family bundle symbolic name, str family bundle version, str model family id,
 *   u32 input size, u32 output size, u8 dtype (1 = f32, 2 = f64),
 *   u32 H, then H times: str name, u8 type, value by type:
 *       'I' i32 | 'J' i64 | 'D' f64 | 'Z' u8 (0 or 1) | 'S' str
 *   u8 1 if provenance follows, 0 if none; then: i64 seed, str data source, str data digest,
 *       u32 B, then B times: str bundle symbolic name, str bundle version,
 *       u32 J, then J times: str job spec key, str value (sorted by key), str created at (ISO-8601)
 * </pre>
 * Its provenance reads with an empty environment.
 *
 * <p>The format version in the {@link CheckpointMetadata} given to {@link #write} is not consulted:
 * files are always written in {@link #FORMAT_VERSION}; readers report the version found.
 *
 * <p>Writing encodes the whole file in memory, writes it to a temporary file in the target's
 * directory, forces it to disk, renames it over the target atomically and forces the directory, so
 * a reader sees the old file or the new one, never a part, and the rename survives a crash.
 * Reading checks, in order, the magic, the format version, the structure (a file that ends early
 * is reported as truncated, naming the byte offset and field; every count and shape is checked
 * against the bytes left before anything is allocated) and the checksum; tensors or payloads named
 * twice, unknown kinds, and elements that are NaN or infinite are refused (trainer state numbers
 * excepted). A failure's message names the file, the byte
 * offset and what was wrong, and stays short whatever the file holds. {@link CheckpointFit} then
 * checks the tensors against the network they are restored into. Stateless and thread-safe; no
 * Java serialization is involved.
 */
public final class CheckpointFile {
    /** The format version this class writes. */
    public static final int FORMAT_VERSION = CheckpointCodec.FORMAT_VERSION;
    /** The oldest format version this class reads (it reads every one up to {@link #FORMAT_VERSION}). */
    public static final int OLDEST_FORMAT_VERSION = CheckpointCodec.OLDEST_VERSION;

    private CheckpointFile() {
    }

    /**
     * Writes a checkpoint durably ({@link DurableFiles#write}): a temporary file in the same
     * directory, forced, renamed over the target, the directory synced.
     *
     * @param tensors written in the map's iteration order
     */
    public static void write(Path file, CheckpointMetadata meta, Map<String, Tensor> tensors) throws IOException {
        DurableFiles.write(file, CheckpointCodec.encode(meta, tensors), "rw-r--r--");
    }

    /**
     * Writes a checkpoint with payloads and, unless {@code state} is null, the trainer's state, as
     * {@link #write(Path, CheckpointMetadata, Map)} does.
     */
    public static void write(Path file, CheckpointMetadata meta, Map<String, Tensor> tensors, Payloads payloads,
                             TrainerState state) throws IOException {
        DurableFiles.write(file, CheckpointCodec.encode(meta, tensors, payloads, state), "rw-r--r--");
    }

    /** Reads and verifies a checkpoint, creating its tensors with {@code ops}. */
    public static Try<LoadedCheckpoint> read(Path file, Ops ops) {
        return bytes(file).flatMap(bytes -> CheckpointCodec.decode(file.toString(), bytes, ops));
    }

    /** Reads and verifies a checkpoint's metadata (the whole file is checksummed). */
    public static Try<CheckpointMetadata> readMetadata(Path file) {
        return bytes(file).flatMap(bytes -> CheckpointCodec.decode(file.toString(), bytes, null))
                .map(LoadedCheckpoint::metadata);
    }

    private static Try<byte[]> bytes(Path file) {
        return Try.of(() -> Files.readAllBytes(file)).recoverWith(e -> Try.failure(
                new IOException("cannot read checkpoint " + file + ": " + e.getClass().getSimpleName() + " "
                        + e.getMessage(), e)));
    }
}
