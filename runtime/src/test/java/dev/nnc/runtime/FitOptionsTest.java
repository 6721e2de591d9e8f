package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitOptionsTest {

    @Test
    void defaultsAreKeras() {
        FitOptions options = FitOptions.epochs(500);
        assertEquals(500, options.epochs());
        assertEquals(32, options.batchSize());
        assertTrue(options.shuffle());
        assertEquals(0.0, options.validationSplit());
        assertTrue(options.validationData().isEmpty());
        assertEquals(List.of(), options.metrics());
        assertEquals(List.of(), options.callbacks());
        assertSame(System.out, options.progress());
        assertTrue(options.verbose());
    }

    @Test
    void settersReturnChangedCopies() {
        FitOptions base = FitOptions.epochs(10);
        EarlyStopping stopping = new EarlyStopping("loss", 1e-4, 50, true);
        FitOptions options = base.batchSize(4).shuffle(false).seed(7).validationSplit(0.2)
                .metrics("accuracy", "mae").callbacks(stopping).verbose(false);

        assertEquals(32, base.batchSize());
        assertTrue(base.shuffle());
        assertEquals(List.of(), base.metrics());
        assertEquals(4, options.batchSize());
        assertFalse(options.shuffle());
        assertEquals(7, options.seed());
        assertEquals(0.2, options.validationSplit());
        assertEquals(List.of("accuracy", "mae"), options.metrics());
        assertEquals(List.of(stopping), options.callbacks());
        assertNull(options.progress());
        assertFalse(options.progress((PrintStream) null).verbose());
        PrintStream out = new PrintStream(new java.io.ByteArrayOutputStream());
        assertSame(out, options.progress(out).progress());
    }

    @Test
    void progressGoesToAStreamOrALoggerNotBoth() {
        System.Logger logger = System.getLogger("training");
        PrintStream out = new PrintStream(new java.io.ByteArrayOutputStream());

        FitOptions logged = FitOptions.epochs(1).progress(logger);
        assertSame(logger, logged.progressLogger());
        assertNull(logged.progress(), "the logger replaces System.out");
        assertTrue(logged.verbose());

        FitOptions printed = logged.progress(out);
        assertSame(out, printed.progress());
        assertNull(printed.progressLogger(), "the stream replaces the logger");

        FitOptions quiet = logged.verbose(false);
        assertNull(quiet.progress());
        assertNull(quiet.progressLogger());
        assertFalse(quiet.verbose());
        assertFalse(logged.progress((System.Logger) null).verbose());
        assertSame(System.out, quiet.verbose(true).progress());
        assertNull(FitOptions.epochs(1).progressLogger());
    }

    @Test
    void badValuesNameTheArgument() {
        assertEquals("epochs: expected at least 1, found 0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(0)).getMessage());
        assertEquals("batchSize: expected at least 1, found -3",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).batchSize(-3)).getMessage());
        assertEquals("validationSplit: expected a fraction in [0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).validationSplit(1)).getMessage());
        assertEquals("validationSplit: expected a fraction in [0, 1), found -0.1",
                assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).validationSplit(-0.1)).getMessage());
        assertEquals("validationSplit: expected a fraction in [0, 1), found NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> FitOptions.epochs(1).validationSplit(Double.NaN)).getMessage());
    }

    @Test
    void metricsAreCheckedWhenSet() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).metrics("mae", "f1"));
        assertTrue(unknown.getMessage().startsWith("metric 'f1' is unknown; known metrics are ["), unknown.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> FitOptions.epochs(1).metrics("mae", "mae"));
        assertEquals("metrics[1]: 'mae' is listed twice", twice.getMessage());
        var nullCallback = assertThrows(NullPointerException.class,
                () -> FitOptions.epochs(1).callbacks(new Callback() {}, null));
        assertEquals("callbacks[1]", nullCallback.getMessage());
    }

    @Test
    void aPerStepScheduleIsRefusedBesideAnotherSetterOfTheRate() {
        LearningRateScheduler perStep = LearningRateScheduler.perStep(step -> 0.01);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).callbacks(perStep, ReduceLROnPlateau.monitor("loss")));
        assertEquals("callbacks[1]: a ReduceLROnPlateau beside the per-step LearningRateScheduler at callbacks[0], which sets"
                + " the rate before every batch and would undo its changes; use one of them", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FitOptions.epochs(1).callbacks(LearningRateScheduler.perEpoch((epoch, lr) -> lr), perStep));
        // a per-epoch schedule and a plateau rule may share the rate, as in Keras
        FitOptions.epochs(1).callbacks(LearningRateScheduler.perEpoch((epoch, lr) -> lr), ReduceLROnPlateau.monitor("loss"));
    }
}
