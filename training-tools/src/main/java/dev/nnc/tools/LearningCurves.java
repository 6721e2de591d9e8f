package dev.nnc.tools;

import dev.nnc.runtime.AtomicFiles;
import dev.nnc.runtime.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of a {@link History}: one logged value per epoch, and its {@code val_} twin
 * when validation ran, drawn with XChart, as Keras users plot {@code history.history["loss"]} and
 * {@code history.history["val_loss"]}.
 *
 * <pre>{@code
 * History history = Trainer.fit(net, data, FitOptions.epochs(100).metrics("mae").validationSplit(0.2));
 * LearningCurves.of(history).writePng(Path.of("target/loss.png"), 800, 500);        // loss, val_loss
 * LearningCurves.of(history, "mae").writePng(Path.of("target/mae.png"), 800, 500);  // mae, val_mae
 * XYChart chart = LearningCurves.of(history).chart(800, 500);                        // to restyle or show
 * }</pre>
 *
 * <p>The x axis counts epochs from 1, as the progress line does ({@code Epoch 1/100}); each series
 * is named by its key in the history. Up to {@value #MARKED_EPOCHS} epochs each one is marked;
 * beyond that the lines alone are drawn, where markers would merge into a band. The curves are
 * read from the history when {@link #of} is called.
 *
 * <p>An epoch whose value is not finite (a diverged epoch: NaN, or an infinite loss) is a gap in
 * its line: the chart's series holds NaN there, which XChart leaves undrawn, and an infinite value
 * would make the axis range infinite. A value between two gaps shows as its marker only.
 *
 * <p>Drawing needs no display: unless {@code java.awt.headless} is set, this class sets it to
 * {@code true} when it is first used, so that drawing to an image neither needs an X server nor
 * opens a Dock icon on macOS. An application that shows XChart windows sets
 * {@code -Djava.awt.headless=false} itself.
 */
public final class LearningCurves {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The most epochs whose points are marked. */
    public static final int MARKED_EPOCHS = 30;

    private final String key;
    private final double[] values;
    /** The {@code val_} twin's values, or null when the history has none. */
    private final double[] validation;

    private LearningCurves(String key, double[] values, double[] validation) {
        this.key = key;
        this.values = values;
        this.validation = validation;
    }

    /**
     * The loss, and the validation loss when validation ran.
     *
     * @throws IllegalArgumentException when the history has no {@code loss} or no epoch
     */
    public static LearningCurves of(History history) {
        return of(history, "loss");
    }

    /**
     * The series {@code key} of {@code history} ({@code "mae"}, or a value a callback logs), and
     * {@code "val_" + key} when the history has it.
     *
     * @throws IllegalArgumentException when the history has no epoch, or no {@code key}, listing
     *     the keys it has
     */
    public static LearningCurves of(History history, String key) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(key, "key");
        if (history.epochs() == 0) {
            throw new IllegalArgumentException("history: no epoch recorded, so no curve to draw");
        }
        double[] values = history.get(key);
        String twin = "val_" + key;
        return new LearningCurves(key, values, history.contains(twin) ? history.get(twin) : null);
    }

    /** The largest finite |value| of the series charted; 0 when none is finite. */
    private double largestMagnitude() {
        double largest = 0;
        for (double[] series : validation == null ? new double[][] {values} : new double[][] {values, validation}) {
            for (double value : series) {
                if (Double.isFinite(value)) {
                    largest = Math.max(largest, Math.abs(value));
                }
            }
        }
        return largest;
    }

    /**
     * A new chart of the curves, {@code width} by {@code height} pixels: one series per curve, named
     * by its key in the history, with the epochs from 1 as x values and the logged values as y
     * values (NaN where a value is not finite).
     *
     * @throws IllegalArgumentException when a size is less than 1
     */
    public XYChart chart(int width, int height) {
        positive("width", width);
        positive("height", height);
        XYChart chart = new XYChartBuilder().width(width).height(height).title(key).xAxisTitle("epoch")
                .yAxisTitle(key).build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        // XChart's default pattern drops the leading zero (".07"); small values read better in scientific form
        chart.getStyler().setYAxisDecimalPattern(largestMagnitude() < 1e-3 ? "0.##E0" : "0.####");
        double[] epochs = new double[values.length];
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] = i + 1;
        }
        add(chart, key, epochs, values);
        if (validation != null) {
            add(chart, "val_" + key, epochs, validation);
        }
        return chart;
    }

    private static void add(XYChart chart, String name, double[] epochs, double[] values) {
        double[] drawn = new double[values.length];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = Double.isFinite(values[i]) ? values[i] : Double.NaN;
        }
        XYSeries series = chart.addSeries(name, epochs, drawn);
        if (epochs.length > MARKED_EPOCHS) {
            series.setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * Writes {@link #chart(int, int)} to {@code file} as a PNG image of {@code width} by
     * {@code height} pixels, replacing the file if it exists, atomically as the runtime writes
     * weights ({@link AtomicFiles}): a reader sees the old image or the new one, never a part of
     * one. The directory must exist.
     *
     * @throws IllegalArgumentException when a size is less than 1
     * @throws IOException when the file cannot be written
     */
    public void writePng(Path file, int width, int height) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] png = BitmapEncoder.getBitmapBytes(chart(width, height), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }

    private static void positive(String argument, int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException(argument + ": expected at least 1 pixel, found " + pixels);
        }
    }
}
