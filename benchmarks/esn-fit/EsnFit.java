import io.engram.api.Application;
import io.engram.api.Hyperparameters;
import io.engram.api.ModelSpec;
import io.engram.api.Network;
import io.engram.api.TaskData;
import io.engram.api.Trainer;
import io.engram.api.TrainingResult;
import io.engram.app.series.internal.SeriesApplication;
import io.engram.backend.cpu.Blas;
import io.engram.backend.cpu.CpuBackend;
import io.engram.family.esn.internal.EsnFamily;
import io.engram.tensor.DType;
import io.engram.train.SimpleTrainingContext;
import io.engram.trainer.ridge.internal.RidgeTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Engram's side of benchmarks/esn-fit: an echo state network ({@code model.family=esn}) fitted by
 * the ridge trainer ({@code trainer=ridge}, one ridge value) on the Mackey-Glass series of the
 * series application, the classes of the distribution's bundles used on a plain class path.
 *
 * <pre>
 *   java -cp "DIST/system/*:DIST/plugins/*:DIST/lib/*" EsnFit.java UNITS STEPS BLAS THREADS WARMUP REPS
 * </pre>
 *
 * Times, per repetition, drawing the reservoir ({@code build_s}) and the fit ({@code fit_s}: running
 * the reservoir over the series, the Gram sums and the solve), after WARMUP untimed ones, and prints
 * one JSON line with the medians and the training NRMSE.
 */
public final class EsnFit {
    public static void main(String[] args) {
        int units = Integer.parseInt(args[0]);
        int steps = Integer.parseInt(args[1]);
        Blas blas = Blas.parse(args[2]).orElseThrow(() -> new IllegalArgumentException("blas: " + Blas.CHOICES));
        int threads = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int reps = Integer.parseInt(args[5]);
        CpuBackend backend = new CpuBackend(threads, blas);
        Application app = new SeriesApplication();
        TaskData data = app.load(app.schema().validate(Map.of("train.length", Integer.toString(steps),
                "test.trials", "0"), "data.").get(), 1).get();
        EsnFamily family = new EsnFamily();
        Hyperparameters model = family.schema().validate(Map.of("units", Integer.toString(units),
                "connectivity", "0.01", "spectral.radius", "1.25", "leak", "0.3", "input.scaling", "0.5",
                "bias.scaling", "0.5"), "model.").get();
        Trainer trainer = new RidgeTrainer();
        Hyperparameters ridge = trainer.schema().validate(Map.of("ridge", "1e-8", "washout", "100"), "trainer.").get();
        List<Double> builds = new ArrayList<>();
        List<Double> fits = new ArrayList<>();
        double loss = Double.NaN;
        for (int r = 0; r < warmup + reps; r++) {
            long t0 = System.nanoTime();
            Network net = family.create(new ModelSpec("esn", 1, 1, DType.F64, model), backend, 1);
            long t1 = System.nanoTime();
            TrainingResult result = trainer.train(new SimpleTrainingContext.Builder(net, backend).train(data.train())
                    .loss("mse").hyper(ridge).seed(1).build());
            long t2 = System.nanoTime();
            if (result.failed()) {
                throw new IllegalStateException("the fit failed: " + result.stopReason());
            }
            loss = result.metrics().get("loss");
            if (r >= warmup) {
                builds.add((t1 - t0) / 1e9);
                fits.add((t2 - t1) / 1e9);
            }
        }
        backend.close();
        double variance = variance(data);
        System.out.printf("{\"side\": \"engram\", \"units\": %d, \"steps\": %d, \"blas\": \"%s\", \"gemm\": \"%s\", "
                        + "\"threads\": %d, \"build_s\": %.4f, \"fit_s\": %.4f, \"fit_runs_s\": %s, \"train_nrmse\": %.6g}%n",
                units, steps, blas.label(), backend.gemm().replace("\"", "'"), threads, median(builds), median(fits), fits,
                Math.sqrt(loss / variance));
    }

    private static double variance(TaskData data) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        var s = data.train().get(0);
        for (int t = 100; t < s.length(); t++) {
            double v = s.target(t, 0);
            sum += v;
            sq += v * v;
            n++;
        }
        return sq / n - (sum / n) * (sum / n);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }
}
