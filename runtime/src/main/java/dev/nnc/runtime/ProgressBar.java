package dev.nnc.runtime;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows the progress of {@link Trainer#fit} as Keras' progress bar does. {@code fit} adds one,
 * after the other callbacks, when {@link FitOptions#progress(PrintStream)} or
 * {@link FitOptions#progress(System.Logger)} is set; it is on {@code System.out} by default.
 *
 * <p><b>Live</b>, on a terminal (Keras' {@code verbose=1}): a header per epoch, then a bar
 * redrawn in place with {@code \r} while the epoch runs, then the epoch's final line.
 * <pre>
 * Epoch 3/20
 * 12/40 [========&gt;.....................] - ETA: 3s - loss: 0.1234
 * 40/40 [==============================] - 2s 50ms/step - loss: 0.1234 - val_loss: 0.2345 - learning_rate: 0.0010
 * </pre>
 * The bar is redrawn at most every 100 ms and at the last batch; the batches in between cost a
 * clock read and no allocation. Its {@code loss} is the mean of the epoch's batch losses so far,
 * each weighted by its samples as the epoch's logged loss is (Keras' running loss); the ETA is the time per batch so far times the batches left. A line
 * shorter than the one it replaces is padded with spaces, so nothing of the old one is left.
 *
 * <p><b>Lines</b>, on anything else (a file, a pipe, CI logs; Keras' {@code verbose=2}): no
 * {@code \r}, one line per epoch.
 * <pre>
 * Epoch 3/20 - 2s 50ms/step - loss: 0.1234 - val_loss: 0.2345 - learning_rate: 0.0010
 * </pre>
 *
 * <p><b>Records</b>, to a {@link System.Logger}: that line as one {@code INFO} record per epoch.
 *
 * <p>An epoch's time runs from {@code onEpochBegin} to {@code onEpochEnd} (training metrics and
 * validation included); the time per step is the training time over the batches run. When a
 * callback stops training mid-epoch, the final line shows the batches that ran ({@code 12/40}).
 * Values print with 4 decimals, or as {@code 1.2340e-05} when {@code |v| <= 1e-3}, and NaN and
 * infinities as {@code nan}, {@code inf} and {@code -inf}, as Keras prints them.
 */
public final class ProgressBar implements Callback {

    /** The least time between two redraws of the live bar. */
    static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final System.Logger logger;
    private final boolean live;
    private final LongSupplier nanoTime;
    private final StringBuilder line = new StringBuilder(160);

    private int epochs;
    private int steps;
    private long epochStart;
    private long lastBatchEnd;
    private long lastDraw;
    private int batches;
    /** The epoch's batch losses so far, each times its samples, and those samples: Keras' running loss. */
    private double lossSum;
    private long samples;
    private TrainingContext context;
    /** Characters of the live line now on screen. */
    private int drawn;

    /**
     * Progress on {@code out}: live when {@code out} is {@code System.out} and the console is a
     * terminal, else one line per epoch.
     */
    public ProgressBar(PrintStream out) {
        this(out, out == System.out && isTerminal());
    }

    /**
     * Progress on {@code out}: live, redrawn with {@code \r} (for a console that handles it but is
     * not detected as a terminal, such as an IDE's), or one line per epoch.
     */
    public ProgressBar(PrintStream out, boolean live) {
        this(out, live, System::nanoTime);
    }

    /** As {@link #ProgressBar(PrintStream, boolean)}, reading the time from {@code nanoTime}. */
    ProgressBar(PrintStream out, boolean live, LongSupplier nanoTime) {
        this(Objects.requireNonNull(out, "out"), null, live, nanoTime);
    }

    /** One {@code INFO} record per epoch on {@code logger}. */
    public ProgressBar(System.Logger logger) {
        this(logger, System::nanoTime);
    }

    /** As {@link #ProgressBar(System.Logger)}, reading the time from {@code nanoTime}. */
    ProgressBar(System.Logger logger, LongSupplier nanoTime) {
        this(null, Objects.requireNonNull(logger, "logger"), false, nanoTime);
    }

    private ProgressBar(PrintStream out, System.Logger logger, boolean live, LongSupplier nanoTime) {
        this.out = out;
        this.logger = logger;
        this.live = live;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Whether standard output is a terminal. Up to JDK 21 a console exists only then; from JDK 22
     * one may exist when output is redirected, and {@code Console.isTerminal()} (called by
     * reflection, as this code compiles for 17) tells.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJdk22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Whether the bar is redrawn in place while an epoch runs. */
    public boolean isLive() {
        return live;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        this.context = context;
        epochs = context.epochs();
        steps = context.batchesPerEpoch();
    }

    @Override
    public void onEpochBegin(int epoch) {
        if (live) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
        epochStart = nanoTime.getAsLong();
        lastBatchEnd = epochStart;
        lastDraw = epochStart;
        batches = 0;
        lossSum = 0;
        samples = 0;
        drawn = 0;
    }

    @Override
    public void onBatchEnd(int batch, float loss) {
        batches = batch + 1;
        int size = context.batchSize(batch);
        lossSum += (double) loss * size;
        samples += size;
        lastBatchEnd = nanoTime.getAsLong();
        if (live && (batches == steps || lastBatchEnd - lastDraw >= REDRAW_NANOS)) {
            lastDraw = lastBatchEnd;
            startLine();
            if (steps > 0) {
                line.append(" - ETA: ");
                ProgressText.appendEta(line, (lastBatchEnd - epochStart) / batches * (steps - batches));
            }
            ProgressText.appendValue(line, "loss", lossSum / samples);
            draw(false);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        long nanos = nanoTime.getAsLong() - epochStart;
        long stepNanos = batches == 0 ? 0 : (lastBatchEnd - epochStart) / batches;
        if (live) {
            startLine();
            ProgressText.appendSummary(line, nanos, stepNanos, logs);
            draw(true);
        } else if (out != null) {
            out.println(ProgressText.epochLine(epoch + 1, epochs, nanos, stepNanos, logs));
        } else if (logger.isLoggable(System.Logger.Level.INFO)) {
            logger.log(System.Logger.Level.INFO, ProgressText.epochLine(epoch + 1, epochs, nanos, stepNanos, logs));
        }
    }

    /** Starts the live line in {@link #line}: a carriage return, then the bar. */
    private void startLine() {
        line.setLength(0);
        line.append('\r');
        ProgressText.appendBar(line, batches, steps);
    }

    /** Writes {@link #line} over the live line on screen, then a line break when {@code last}. */
    private void draw(boolean last) {
        int length = line.length() - 1;
        for (int i = length; i < drawn; i++) {
            line.append(' ');
        }
        drawn = length;
        if (last) {
            out.println(line);
        } else {
            out.print(line);
            out.flush();
        }
    }
}
