package dev.nnc.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

class LearningCurvesTest {

    /** A history of {@code values.length} epochs, epoch {@code e} logging {@code values[e][k]} under {@code keys.get(k)}. */
    private static History history(List<String> keys, double[][] values) {
        History history = new History();
        for (double[] epoch : values) {
            Map<String, Double> logs = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                logs.put(keys.get(k), epoch[k]);
            }
            history.record(logs);
        }
        return history;
    }

    private static final History FOUR_EPOCHS = history(List.of("loss", "mae", "val_loss", "val_mae"), new double[][] {
            {0.9, 0.8, 1.0, 0.85},
            {0.5, 0.6, 0.7, 0.65},
            {0.3, 0.4, 0.6, 0.55},
            {0.2, 0.3, 0.62, 0.5}});

    @Test
    void theLossChartHoldsLossAndValLossPerEpochFrom1() {
        XYChart chart = LearningCurves.of(FOUR_EPOCHS).chart(640, 480);

        assertEquals(List.of("loss", "val_loss"), List.copyOf(chart.getSeriesMap().keySet()));
        XYSeries loss = chart.getSeriesMap().get("loss");
        assertArrayEquals(new double[] {1, 2, 3, 4}, loss.getXData());
        assertArrayEquals(new double[] {0.9, 0.5, 0.3, 0.2}, loss.getYData());
        XYSeries validation = chart.getSeriesMap().get("val_loss");
        assertArrayEquals(new double[] {1, 2, 3, 4}, validation.getXData());
        assertArrayEquals(new double[] {1.0, 0.7, 0.6, 0.62}, validation.getYData());
        assertEquals("loss", chart.getTitle());
        assertEquals("epoch", chart.getXAxisTitle());
        assertEquals(640, chart.getWidth());
        assertEquals(480, chart.getHeight());
    }

    @Test
    void axisLabelsKeepTheLeadingZeroAndGoScientificForTinyValues() {
        assertEquals("0.####", LearningCurves.of(FOUR_EPOCHS).chart(300, 200).getStyler().getYAxisDecimalPattern());
        History tiny = history(List.of("loss", "val_loss"), new double[][] {{4e-4, Double.NaN}, {2e-5, 3e-4}});
        assertEquals("0.##E0", LearningCurves.of(tiny).chart(300, 200).getStyler().getYAxisDecimalPattern());
    }

    @Test
    void anotherMetricAndItsValTwinOnRequest() {
        XYChart chart = LearningCurves.of(FOUR_EPOCHS, "mae").chart(300, 200);
        assertEquals(List.of("mae", "val_mae"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {0.8, 0.6, 0.4, 0.3}, chart.getSeriesMap().get("mae").getYData());
        assertArrayEquals(new double[] {0.85, 0.65, 0.55, 0.5}, chart.getSeriesMap().get("val_mae").getYData());
        assertEquals("mae", chart.getYAxisTitle());
    }

    @Test
    void withoutValidationThereIsOneCurve() {
        History history = history(List.of("loss", "lr"), new double[][] {{1, 0.1}, {0.5, 0.05}});
        XYChart chart = LearningCurves.of(history).chart(300, 200);
        assertEquals(List.of("loss"), List.copyOf(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {0.1, 0.05}, LearningCurves.of(history, "lr").chart(300, 200)
                .getSeriesMap().get("lr").getYData());
    }

    @Test
    void aDivergedEpochIsAGapAndStillDraws(@TempDir Path directory) throws IOException {
        History history = history(List.of("loss", "val_loss"), new double[][] {
                {1, 2}, {Double.POSITIVE_INFINITY, Double.NaN}, {Double.NaN, Double.NEGATIVE_INFINITY}, {0.5, 1}});
        LearningCurves curves = LearningCurves.of(history);
        XYChart chart = curves.chart(400, 300);
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, 0.5}, chart.getSeriesMap().get("loss").getYData());
        assertArrayEquals(new double[] {2, Double.NaN, Double.NaN, 1}, chart.getSeriesMap().get("val_loss").getYData());

        // XChart refuses an infinite value when it sets the axes; a gap draws
        Path file = directory.resolve("diverged.png");
        curves.writePng(file, 400, 300);
        assertEquals(400, ImageIO.read(file.toFile()).getWidth());
    }

    @Test
    void thePngHasTheSizeAskedForAndReplacesTheFileInOneStep(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("curves.png");
        Files.writeString(file, "an older chart");
        LearningCurves.of(FOUR_EPOCHS).writePng(file, 640, 480);

        byte[] bytes = Files.readAllBytes(file);
        // the PNG signature
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO reads it");
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
        }
    }

    @Test
    void aMissingDirectoryFailsWithoutLeavingAnything(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("absent").resolve("curves.png");
        assertThrows(NoSuchFileException.class, () -> LearningCurves.of(FOUR_EPOCHS).writePng(file, 100, 100));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void longRunsAreDrawnAsLinesShortOnesWithMarkers() {
        double[][] values = new double[LearningCurves.MARKED_EPOCHS + 1][1];
        XYChart longRun = LearningCurves.of(history(List.of("loss"), values)).chart(300, 200);
        assertEquals(SeriesMarkers.NONE, longRun.getSeriesMap().get("loss").getMarker());
        XYChart shortRun = LearningCurves.of(history(List.of("loss"), new double[LearningCurves.MARKED_EPOCHS][1]))
                .chart(300, 200);
        assertNotEquals(SeriesMarkers.NONE, shortRun.getSeriesMap().get("loss").getMarker());
    }

    @Test
    void drawingRunsHeadless() {
        LearningCurves.of(FOUR_EPOCHS);
        assertEquals("true", System.getProperty("java.awt.headless"));
    }

    @Test
    void badArgumentsAreNamed() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> LearningCurves.of(FOUR_EPOCHS, "accuracy"));
        assertEquals("key: no series 'accuracy' in the history; it has [loss, mae, val_loss, val_mae]",
                unknown.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> LearningCurves.of(new History()));
        assertEquals("history: no epoch recorded, so no curve to draw", empty.getMessage());
        var width = assertThrows(IllegalArgumentException.class, () -> LearningCurves.of(FOUR_EPOCHS).chart(0, 100));
        assertEquals("width: expected at least 1 pixel, found 0", width.getMessage());
        var height = assertThrows(IllegalArgumentException.class,
                () -> LearningCurves.of(FOUR_EPOCHS).writePng(Path.of("x.png"), 100, -1));
        assertEquals("height: expected at least 1 pixel, found -1", height.getMessage());
        assertTrue(Files.notExists(Path.of("x.png")));
    }
}
