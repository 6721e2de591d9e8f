package dev.nnc.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.nnc.examples.ForecastExample;
import dev.nnc.examples.ForecastNet;
import dev.nnc.runtime.Dataset;
import dev.nnc.runtime.FitOptions;
import dev.nnc.runtime.Model;
import dev.nnc.runtime.Trainer;
import dev.nnc.runtime.Windows;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What a fresh JVM pays before a model is fast: the time from {@code new} to the first prediction,
 * and the CPU time (every thread of the process: the JIT's compilers and the collector too) of the
 * first training epoch against a later one's. Each measurement runs in a JVM of its own, started
 * here; the medians over the runs are printed. Not JMH: JMH measures a warmed-up JVM, and this is
 * the cost of the warming up.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.nnc.benchmarks.StartupBenchmark [runs]
 * </pre>
 */
public final class StartupBenchmark {

    private StartupBenchmark() {}

    /** A model, its data (about 2,000 samples) and its name in the report. */
    private record Workload(String name, Supplier<Model> model, Supplier<Dataset> data) {}

    private static final List<Workload> WORKLOADS = List.of(
            new Workload("ForecastNet (LSTM 32, LSTM 16 over 24 steps)", ForecastNet::new, StartupBenchmark::series),
            new Workload("NetE (13-1024-512-1 classifier)", NetE::new, StartupBenchmark::tabular));

    private static final String CHILD = "--child";

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 2 && args[0].equals(CHILD)) {
            measure(WORKLOADS.get(Integer.parseInt(args[1])));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "%d fresh JVMs per model (%s); medians, min-max%n", runs, System.getProperty("java.version"));
        for (int w = 0; w < WORKLOADS.size(); w++) {
            List<double[]> results = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                results.add(child(w));
            }
            System.out.println(WORKLOADS.get(w).name());
            String[] figures = {"first prediction after new, ms", "first epoch, CPU ms", "first epoch, wall ms", "third epoch, CPU ms",
                    "third epoch, wall ms"};
            for (int f = 0; f < figures.length; f++) {
                double[] values = new double[runs];
                for (int run = 0; run < runs; run++) {
                    values[run] = results.get(run)[f];
                }
                Arrays.sort(values);
                System.out.printf(Locale.ROOT, "  %-32s %9.1f  (%.1f-%.1f)%n", figures[f], values[runs / 2], values[0], values[runs - 1]);
            }
        }
    }

    /** Runs workload {@code index} in a JVM of its own, with this one's class path and the Vector API. */
    private static double[] child(int index) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), StartupBenchmark.class.getName(), CHILD, String.valueOf(index))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            line = out.readLine();
        }
        if (process.waitFor() != 0 || line == null) {
            throw new IllegalStateException("the child JVM for workload " + index + " failed (exit " + process.exitValue() + ")");
        }
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void measure(Workload workload) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Dataset data = workload.data().get();
        long start = System.nanoTime();
        Model model = workload.model().get();
        float[] prediction = model.predict(new float[model.inputSize()]);
        double firstPrediction = (System.nanoTime() - start) / 1e6;
        FitOptions oneEpoch = FitOptions.epochs(1).batchSize(32).seed(1).verbose(false);
        double[] epochs = new double[6];
        for (int epoch = 0; epoch < 3; epoch++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            Trainer.fit(model, data, oneEpoch);
            epochs[2 * epoch] = (os.getProcessCpuTime() - cpu) / 1e6;
            epochs[2 * epoch + 1] = (System.nanoTime() - wall) / 1e6;
        }
        // the prediction is printed past the figures, so the JIT cannot drop it
        System.out.printf(Locale.ROOT, "%.3f %.3f %.3f %.3f %.3f %s%n", firstPrediction, epochs[0], epochs[1], epochs[4], epochs[5],
                Float.isNaN(prediction[0]) ? "NaN" : "");
    }

    /** The demo's series, 2,000 hours of it, in windows of 24. */
    private static Dataset series() {
        float[] series = ForecastExample.series(2000, new SplittableRandom(2026));
        return Windows.of(series, 1).lookback(24).horizon(1).targets(0).dataset();
    }

    /** 2,000 samples of 13 features, the class a noisy linear rule of them. */
    private static Dataset tabular() {
        SplittableRandom random = new SplittableRandom(13);
        int n = 2000;
        float[] x = new float[n * 13];
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            double score = 0;
            for (int j = 0; j < 13; j++) {
                float value = (float) random.nextGaussian();
                x[r * 13 + j] = value;
                score += (j % 3 - 1) * value;
            }
            y[r] = score + 0.5 * random.nextGaussian() > 0 ? 1 : 0;
        }
        return Dataset.of(x, 13, y, 1);
    }
}
