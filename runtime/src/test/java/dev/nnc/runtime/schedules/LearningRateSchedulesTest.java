package dev.nnc.runtime.schedules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.schedules.OneCycle.AnnealStrategy;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every schedule against values worked by hand and against its framework's formula written out
 * here independently, in double; boundaries (step 0, the last step of a phase, past the end); and
 * every argument check with its message.
 */
class LearningRateSchedulesTest {

    private static final double EXACT = 1e-15;

    private static void assertRefused(String message, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(message, e.getMessage());
    }

    /** schedule(step) against {@code expected(step)} for every step in {@code [0, to]}. */
    private static void assertMatches(LearningRateSchedule schedule, java.util.function.LongToDoubleFunction expected,
            long to, double tolerance) {
        for (long step = 0; step <= to; step++) {
            assertEquals(expected.applyAsDouble(step), schedule.learningRate(step), tolerance, "step " + step);
        }
    }

    @Test
    void everyScheduleRefusesANegativeStep() {
        List<LearningRateSchedule> schedules = List.of(new StepDecay(0.1, 3, 0.5), new ExponentialDecay(0.1, 10, 0.5),
                new PiecewiseConstantDecay(new long[] {10}, new double[] {0.1, 0.01}), new CosineDecay(0.1, 10),
                new CosineDecayRestarts(0.1, 10), new Warmup(new CosineDecay(0.1, 10), 5, 0.01), new OneCycle(0.1, 10));
        for (LearningRateSchedule schedule : schedules) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule.learningRate(-1),
                    schedule.toString());
            assertEquals("step: expected 0 or more (steps count from 0), found -1", e.getMessage());
        }
    }

    @Nested
    class StepDecayTest {

        @Test
        void multipliesByGammaEveryStepSizeSteps() {
            StepDecay decay = new StepDecay(0.1, 3, 0.5);
            assertEquals(0.1, decay.learningRate(0), EXACT);
            assertEquals(0.1, decay.learningRate(2), EXACT, "the last step before the first decay");
            assertEquals(0.05, decay.learningRate(3), EXACT, "exactly at stepSize");
            assertEquals(0.05, decay.learningRate(5), EXACT);
            assertEquals(0.025, decay.learningRate(6), EXACT);
            assertEquals(0.0125, decay.learningRate(10), EXACT);
            assertMatches(decay, step -> 0.1 * Math.pow(0.5, Math.floor(step / 3.0)), 100, 1e-17);
        }

        @Test
        void refusesBadArguments() {
            assertRefused("initialLearningRate: expected a finite number > 0, found 0.0", () -> new StepDecay(0, 3, 0.5));
            assertRefused("stepSize: expected at least 1 step, found 0", () -> new StepDecay(0.1, 0, 0.5));
            assertRefused("gamma: expected a finite number > 0, found NaN", () -> new StepDecay(0.1, 3, Double.NaN));
        }
    }

    @Nested
    class ExponentialDecayTest {

        @Test
        void decaysByTheRateEveryDecaySteps() {
            ExponentialDecay decay = new ExponentialDecay(0.1, 10, 0.5);
            assertEquals(0.1, decay.learningRate(0), EXACT);
            assertEquals(0.1 / Math.sqrt(2), decay.learningRate(5), EXACT, "half-way: rate^0.5");
            assertEquals(0.05, decay.learningRate(10), EXACT, "exactly at decaySteps");
            assertEquals(0.1 * 0.25 / Math.sqrt(2), decay.learningRate(25), EXACT, "rate^2.5");
            assertMatches(decay, step -> 0.1 * Math.exp(Math.log(0.5) * step / 10), 200, 1e-16);
        }

        @Test
        void aStaircaseFloorsTheExponent() {
            ExponentialDecay decay = new ExponentialDecay(0.1, 10, 0.5, true);
            assertEquals(0.1, decay.learningRate(9), EXACT);
            assertEquals(0.05, decay.learningRate(10), EXACT);
            assertEquals(0.025, decay.learningRate(25), EXACT);
            assertMatches(decay, step -> 0.1 * Math.pow(0.5, (int) (step / 10.0)), 200, 1e-17);
        }

        @Test
        void aRateAboveOneGrows() {
            assertEquals(Math.sqrt(2), new ExponentialDecay(1, 4, 2).learningRate(2), EXACT);
        }

        @Test
        void refusesBadArguments() {
            assertRefused("initialLearningRate: expected a finite number > 0, found Infinity",
                    () -> new ExponentialDecay(Double.POSITIVE_INFINITY, 10, 0.5));
            assertRefused("decaySteps: expected at least 1 step, found -1", () -> new ExponentialDecay(0.1, -1, 0.5));
            assertRefused("decayRate: expected a finite number > 0, found 0.0", () -> new ExponentialDecay(0.1, 10, 0));
        }
    }

    @Nested
    class PiecewiseConstantDecayTest {

        @Test
        void aBoundaryStepKeepsTheValueBeforeIt() {
            PiecewiseConstantDecay decay = new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1.0, 0.5, 0.1});
            assertEquals(1.0, decay.learningRate(0));
            assertEquals(1.0, decay.learningRate(10), "step <= boundaries[0]");
            assertEquals(0.5, decay.learningRate(11));
            assertEquals(0.5, decay.learningRate(20));
            assertEquals(0.1, decay.learningRate(21));
            assertEquals(0.1, decay.learningRate(1_000_000));
        }

        @Test
        void noBoundariesIsAConstant() {
            PiecewiseConstantDecay constant = new PiecewiseConstantDecay(new long[0], new double[] {0.3});
            assertEquals(0.3, constant.learningRate(0));
            assertEquals(0.3, constant.learningRate(Long.MAX_VALUE));
        }

        @Test
        void copiesItsArrays() {
            long[] boundaries = {10};
            double[] values = {1.0, 0.5};
            PiecewiseConstantDecay decay = new PiecewiseConstantDecay(boundaries, values);
            boundaries[0] = 0;
            values[1] = 7;
            decay.values()[1] = 7;
            assertEquals(1.0, decay.learningRate(5));
            assertEquals(0.5, decay.learningRate(11));
            assertArrayEquals(new long[] {10}, decay.boundaries());
            assertArrayEquals(new double[] {1.0, 0.5}, decay.values());
        }

        @Test
        void refusesBadArguments() {
            assertRefused("values: expected 3 values (one more than the 2 boundaries), found 2",
                    () -> new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1, 0.5}));
            assertRefused("boundaries[1]: expected a step after boundaries[0] = 10 (strictly increasing), found 10",
                    () -> new PiecewiseConstantDecay(new long[] {10, 10}, new double[] {1, 0.5, 0.1}));
            assertRefused("values[1]: expected a finite number >= 0, found -0.5",
                    () -> new PiecewiseConstantDecay(new long[] {10, 20}, new double[] {1, -0.5, 0.1}));
            assertThrows(NullPointerException.class, () -> new PiecewiseConstantDecay(null, new double[] {1}));
        }
    }

    @Nested
    class CosineDecayTest {

        @Test
        void fallsAlongHalfACosineToAlphaAndStays() {
            CosineDecay decay = new CosineDecay(0.1, 100, 0.2);
            assertEquals(0.1, decay.learningRate(0), EXACT);
            assertEquals(0.0882842712474619, decay.learningRate(25), EXACT, "0.1 * (0.4 * (1 + cos(pi / 4)) + 0.2)");
            assertEquals((1 + 0.2) / 2 * 0.1, decay.learningRate(50), EXACT, "half-way: (1 + alpha) / 2 * initial");
            assertEquals(0.0317157287525381, decay.learningRate(75), EXACT, "0.1 * (0.4 * (1 - cos(pi / 4)) + 0.2)");
            assertEquals(0.2 * 0.1, decay.learningRate(100), EXACT, "exactly at decaySteps: alpha * initial");
            assertEquals(0.2 * 0.1, decay.learningRate(150), EXACT, "past decaySteps it stays");
            assertMatches(decay, step -> {
                double t = Math.min(step, 100) / 100.0;
                return 0.1 * (0.2 + 0.8 * Math.pow(Math.cos(Math.PI * t / 2), 2)); // (1 + cos x) / 2 = cos^2(x / 2)
            }, 200, 1e-16);
        }

        @Test
        void withoutAlphaItReachesZero() {
            CosineDecay decay = new CosineDecay(1.0, 10);
            assertEquals(0.5, decay.learningRate(5), EXACT);
            assertEquals(0.0, decay.learningRate(10));
            assertEquals(0.0, decay.learningRate(11));
        }

        @Test
        void refusesBadArguments() {
            assertRefused("alpha: expected a fraction in [0, 1], found 1.5", () -> new CosineDecay(0.1, 100, 1.5));
            assertRefused("decaySteps: expected at least 1 step, found 0", () -> new CosineDecay(0.1, 0));
            assertRefused("initialLearningRate: expected a finite number > 0, found -0.1", () -> new CosineDecay(-0.1, 10));
        }
    }

    @Nested
    class CosineDecayRestartsTest {

        /**
         * SGDR by walking the periods one by one (no logarithm): period i lasts first * tMul^i steps,
         * starts at mMul^i, and decays along half a cosine towards alpha.
         */
        private double sgdr(long step, double initial, long first, double tMul, double mMul, double alpha) {
            double start = 0;
            double length = first;
            int period = 0;
            while (step >= start + length) {
                start += length;
                length *= tMul;
                period++;
            }
            double fraction = (step - start) / length;
            return initial * (alpha + (1 - alpha) * Math.pow(mMul, period) * Math.pow(Math.cos(Math.PI * fraction / 2), 2));
        }

        @Test
        void restartsTwiceWithLongerPeriodsAndLowerPeaks() {
            // periods [0, 10) peak 1, [10, 30) peak 0.5, [30, 70) peak 0.25, [70, 150) peak 0.125; floor 0.1
            CosineDecayRestarts sgdr = new CosineDecayRestarts(1.0, 10, 2.0, 0.5, 0.1);
            assertEquals(1.0, sgdr.learningRate(0), EXACT);
            assertEquals(0.55, sgdr.learningRate(5), EXACT, "half-way down the first period: 0.9 * 0.5 + 0.1");
            assertEquals(0.12202456766718091, sgdr.learningRate(9), EXACT, "0.9 * 0.5 * (1 + cos(0.9 pi)) + 0.1");
            assertEquals(0.55, sgdr.learningRate(10), EXACT, "first restart: 0.9 * 0.5 + 0.1");
            assertEquals(0.325, sgdr.learningRate(20), EXACT, "half-way down the second: 0.9 * 0.25 + 0.1");
            assertEquals(0.10277012336609396, sgdr.learningRate(29), EXACT, "0.9 * 0.25 * (1 + cos(0.95 pi)) + 0.1");
            assertEquals(0.325, sgdr.learningRate(30), EXACT, "second restart: 0.9 * 0.25 + 0.1");
            assertEquals(0.2125, sgdr.learningRate(50), EXACT, "half-way down the third: 0.9 * 0.125 + 0.1");
            assertEquals(0.2125, sgdr.learningRate(70), EXACT, "third restart");
            assertMatches(sgdr, step -> sgdr(step, 1.0, 10, 2.0, 0.5, 0.1), 1000, 1e-15);
        }

        @Test
        void periodsOfEqualLengthWhenTMulIsOne() {
            CosineDecayRestarts sgdr = new CosineDecayRestarts(1.0, 4, 1.0, 0.5, 0.0);
            assertEquals(0.5, sgdr.learningRate(2), EXACT);
            assertEquals(0.5, sgdr.learningRate(4), EXACT);
            assertEquals(0.25, sgdr.learningRate(6), EXACT);
            assertEquals(0.25, sgdr.learningRate(8), EXACT);
            assertMatches(sgdr, step -> sgdr(step, 1.0, 4, 1.0, 0.5, 0.0), 100, 1e-15);
        }

        @Test
        void kerasDefaultsDoublePeriodsAtTheSamePeak() {
            CosineDecayRestarts sgdr = new CosineDecayRestarts(0.1, 10);
            assertEquals(0.1, sgdr.learningRate(10), EXACT);
            assertEquals(0.05, sgdr.learningRate(20), EXACT);
            assertMatches(sgdr, step -> sgdr(step, 0.1, 10, 2.0, 1.0, 0.0), 1000, 1e-15);
        }

        @Test
        void restartsOnTimeWhereKerasLogarithmRoundsDown() {
            // tMul 3: period 5 starts at 100 * (3^5 - 1) / 2 = 12100, where log(243) / log(3) rounds to 4.999...
            assertTrue(Math.floor(Math.log(1 + 121.0 * 2) / Math.log(3)) == 4, "the rounding this test is about");
            CosineDecayRestarts sgdr = new CosineDecayRestarts(1.0, 100, 3.0, 1.0, 0.0);
            assertEquals(1.0, sgdr.learningRate(12100), EXACT, "the restart's top");
            assertTrue(sgdr.learningRate(12099) < 1e-7, "the bottom of period 4: " + sgdr.learningRate(12099));
            assertMatches(sgdr, step -> sgdr(step, 1.0, 100, 3.0, 1.0, 0.0), 40_000, 1e-12);
            CosineDecayRestarts fractional = new CosineDecayRestarts(1.0, 7, 1.5, 0.9, 0.05);
            assertMatches(fractional, step -> sgdr(step, 1.0, 7, 1.5, 0.9, 0.05), 5_000, 1e-12);
        }

        @Test
        void refusesBadArguments() {
            assertRefused("tMul: expected a finite number >= 1 (each period at least as long as the one before), found 0.5",
                    () -> new CosineDecayRestarts(0.1, 10, 0.5, 1, 0));
            assertRefused("mMul: expected a finite number > 0, found 0.0", () -> new CosineDecayRestarts(0.1, 10, 2, 0, 0));
            assertRefused("alpha: expected a fraction in [0, 1], found -0.1",
                    () -> new CosineDecayRestarts(0.1, 10, 2, 1, -0.1));
            assertRefused("firstDecaySteps: expected at least 1 step, found 0", () -> new CosineDecayRestarts(0.1, 0));
        }
    }

    @Nested
    class WarmupTest {

        @Test
        void risesLinearlyToTheScheduleThenRunsItShifted() {
            Warmup warmup = new Warmup(new CosineDecay(0.1, 100), 10, 0.01);
            assertEquals(0.01, warmup.learningRate(0), EXACT);
            assertEquals(0.055, warmup.learningRate(5), EXACT);
            assertEquals(0.091, warmup.learningRate(9), EXACT);
            assertEquals(0.1, warmup.learningRate(10), EXACT, "the schedule's step 0");
            assertEquals(0.05, warmup.learningRate(60), EXACT, "the schedule's half-way");
            assertEquals(0.0, warmup.learningRate(110), EXACT, "the schedule's end");
        }

        @Test
        void isKeras3CosineDecayWithWarmup() {
            // keras.optimizers.schedules.CosineDecay(0.01, 100, alpha=0.1, warmup_target=0.2, warmup_steps=20)
            double initial = 0.01;
            double target = 0.2;
            double alpha = 0.1;
            long decaySteps = 100;
            long warmupSteps = 20;
            Warmup warmup = new Warmup(new CosineDecay(target, decaySteps, alpha), warmupSteps, initial);
            assertMatches(warmup, step -> {
                double s = Math.min(step, decaySteps + warmupSteps);
                if (s < warmupSteps) {
                    return (target - initial) * (s / warmupSteps) + initial;
                }
                double cosine = 0.5 * (1 + Math.cos(Math.PI * (s - warmupSteps) / decaySteps));
                return target * ((1 - alpha) * cosine + alpha);
            }, 200, 1e-16);
        }

        @Test
        void theJoinIsContinuous() {
            // 0.02 to 0.1 in 8 steps: 0.01 a step, and the step onto the schedule is one more of them
            Warmup warmup = new Warmup(new ExponentialDecay(0.1, 7, 0.5), 8, 0.02);
            for (long step = 0; step < 8; step++) {
                assertEquals(0.01, warmup.learningRate(step + 1) - warmup.learningRate(step), 1e-15, "step " + step);
            }
            assertEquals(0.1, warmup.learningRate(8), EXACT);
            assertEquals(0.05, warmup.learningRate(15), EXACT, "the schedule's decaySteps, shifted by 8");
        }

        @Test
        void noWarmupStepsIsTheScheduleItself() {
            LearningRateSchedule schedule = new CosineDecay(0.1, 20);
            assertMatches(new Warmup(schedule, 0, 0.5), schedule::learningRate, 30, 0);
        }

        @Test
        void refusesBadArguments() {
            LearningRateSchedule schedule = new CosineDecay(0.1, 20);
            NullPointerException e = assertThrows(NullPointerException.class, () -> new Warmup(null, 5, 0.01));
            assertEquals("schedule", e.getMessage());
            assertRefused("warmupSteps: expected 0 or more steps, found -1", () -> new Warmup(schedule, -1, 0.01));
            assertRefused("startLearningRate: expected a finite number >= 0, found -1.0E-4", () -> new Warmup(schedule, 5, -1e-4));
        }
    }

    @Nested
    class OneCycleTest {

        /** PyTorch's OneCycleLR, written out phase by phase for the two- and three-phase policies. */
        private double torch(long step, double max, long total, double pctStart, boolean cos, double div,
                double finalDiv, boolean threePhase) {
            double initial = max / div;
            double min = initial / finalDiv;
            double up = pctStart * total - 1;
            double last = total - 1;
            double s = Math.min(step, last);
            if (!threePhase) {
                return s <= up ? anneal(cos, initial, max, s / up) : anneal(cos, max, min, (s - up) / (last - up));
            }
            double down = 2 * pctStart * total - 2;
            if (s <= up) {
                return anneal(cos, initial, max, s / up);
            }
            return s <= down ? anneal(cos, max, initial, (s - up) / (down - up))
                    : anneal(cos, initial, min, (s - down) / (last - down));
        }

        private double anneal(boolean cos, double from, double to, double pct) {
            return cos ? to + (from - to) * Math.pow(Math.cos(Math.PI * pct / 2), 2) : from + (to - from) * pct;
        }

        @Test
        void pytorchDefaultsRiseForThirtyPercentThenFallToTheFinalRate() {
            // initial 1 / 25 = 0.04, min 0.04 / 1e4 = 4e-6; the rise ends at step 0.3 * 100 - 1 = 29
            OneCycle cycle = new OneCycle(1.0, 100);
            assertEquals(0.04, cycle.learningRate(0), 1e-15);
            assertEquals(1.0, cycle.learningRate(29), 1e-15, "the top, at the end of the rise");
            assertEquals((1 + 4e-6) / 2, cycle.learningRate(64), 1e-15, "half-way down");
            assertEquals(1.0 / 25 / 1e4, cycle.learningRate(99), 0, "the last step: min");
            assertMatches(cycle, step -> torch(step, 1.0, 100, 0.3, true, 25, 1e4, false), 99, 1e-15);
        }

        @Test
        void holdsTheFinalRatePastTotalSteps() {
            OneCycle cycle = new OneCycle(1.0, 100);
            assertEquals(cycle.learningRate(99), cycle.learningRate(100), 0);
            assertEquals(cycle.learningRate(99), cycle.learningRate(1_000_000), 0);
        }

        @Test
        void threeLinearPhases() {
            // initial 0.1, min 0.001; phases end at steps 0.25 * 100 - 1 = 24, 2 * 25 - 2 = 48 and 99
            OneCycle cycle = new OneCycle(1.0, 100, 0.25, AnnealStrategy.LINEAR, 10, 100, true);
            assertEquals(0.1, cycle.learningRate(0), 1e-15);
            assertEquals(0.55, cycle.learningRate(12), 1e-15);
            assertEquals(1.0, cycle.learningRate(24), 1e-15);
            assertEquals(0.55, cycle.learningRate(36), 1e-15);
            assertEquals(0.1, cycle.learningRate(48), 1e-15);
            assertEquals(0.1 - 0.099 * 25 / 51, cycle.learningRate(73), 1e-15);
            assertEquals(0.001, cycle.learningRate(99), 1e-15);
            assertEquals(0.001, cycle.learningRate(150), 1e-15);
            assertMatches(cycle, step -> torch(step, 1.0, 100, 0.25, false, 10, 100, true), 99, 1e-15);
        }

        @Test
        void matchesPyTorchAcrossSettings() {
            assertMatches(new OneCycle(0.5, 37, 0.4, AnnealStrategy.COS, 20, 1e3, true),
                    step -> torch(step, 0.5, 37, 0.4, true, 20, 1e3, true), 36, 1e-15);
            assertMatches(new OneCycle(0.5, 37, 0.4, AnnealStrategy.LINEAR, 20, 1e3, false),
                    step -> torch(step, 0.5, 37, 0.4, false, 20, 1e3, false), 36, 1e-15);
        }

        @Test
        void withoutARiseTheFirstStepIsAlreadyOnTheWayDown() {
            // pctStart 0: the rise ends at step -1, so step 0 is 1/10 of the way from step -1 to 9 (PyTorch)
            OneCycle cycle = new OneCycle(1.0, 10, 0.0, AnnealStrategy.LINEAR, 25, 1e4, false);
            assertEquals(1.0 + (4e-6 - 1.0) * 0.1, cycle.learningRate(0), 1e-15);
        }

        @Test
        void refusesBadArguments() {
            assertRefused("maxLearningRate: expected a finite number > 0, found 0.0", () -> new OneCycle(0, 100));
            assertRefused("totalSteps: expected at least 1 step, found 0", () -> new OneCycle(1, 0));
            assertRefused("pctStart: expected a fraction in [0, 1], found 1.1",
                    () -> new OneCycle(1, 100, 1.1, AnnealStrategy.COS, 25, 1e4, false));
            assertRefused("divFactor: expected a finite number > 0, found 0.0",
                    () -> new OneCycle(1, 100, 0.3, AnnealStrategy.COS, 0, 1e4, false));
            assertRefused("finalDivFactor: expected a finite number > 0, found NaN",
                    () -> new OneCycle(1, 100, 0.3, AnnealStrategy.COS, 25, Double.NaN, false));
            assertRefused("pctStart: 0.1 * totalSteps 10 = 1 makes the rise end at step 0, where it starts (PyTorch"
                            + " divides by zero there); expected pctStart * totalSteps other than 1",
                    () -> new OneCycle(1, 10, 0.1, AnnealStrategy.COS, 25, 1e4, false));
            assertThrows(NullPointerException.class, () -> new OneCycle(1, 100, 0.3, null, 25, 1e4, false));
        }
    }
}
