package dev.nnc.runtime.schedules;

import java.util.Objects;

/**
 * PyTorch's {@code OneCycleLR} for the learning rate (Smith and Topin's 1cycle policy, in fastai's
 * two phases by default). Let {@code initial = maxLearningRate / divFactor},
 * {@code min = initial / finalDivFactor} and {@code p = pctStart * totalSteps}. The rate goes
 * <ul>
 *   <li>two phases: from {@code initial} up to {@code maxLearningRate} until step {@code p - 1},
 *       then down to {@code min} at step {@code totalSteps - 1};</li>
 *   <li>three phases ({@code threePhase}, the paper's policy): up to {@code maxLearningRate} until
 *       step {@code p - 1}, back down to {@code initial} at step {@code 2p - 2}, then to
 *       {@code min} at step {@code totalSteps - 1}.</li>
 * </ul>
 * Within a phase from step {@code a} to {@code b} (the first starts at 0, each next one where the
 * previous ended), step {@code s} is at {@code pct = (s - a) / (b - a)}, and the rate anneals from
 * the phase's start rate {@code x} to its end rate {@code y}: {@code y + (x - y) / 2 * (cos(pi * pct) + 1)}
 * ({@link AnnealStrategy#COS}) or {@code x + (y - x) * pct} ({@link AnnealStrategy#LINEAR}). These
 * are PyTorch's phase end steps and formulas, so the rate at each step is PyTorch's: step
 * {@code s} here is PyTorch's {@code last_epoch = s}, the rate its optimizer's step {@code s} (from
 * 0) runs at.
 *
 * <p>Differences from PyTorch: only the learning rate cycles (no momentum or beta1 cycling,
 * PyTorch's {@code cycle_momentum}: the optimizer's momentum stays as declared). Past the cycle,
 * where PyTorch raises an error once the scheduler steps beyond {@code totalSteps}, the rate stays
 * at its value of step {@code totalSteps - 1} ({@code min}, unless a three-phase cycle with
 * {@code pctStart} above one half never comes down that far): training longer than planned finishes
 * at the final rate, as Keras' decays hold their final rate past {@code decaySteps}.
 */
public final class OneCycle implements LearningRateSchedule {

    /** How the rate moves within a phase: PyTorch's {@code anneal_strategy}. */
    public enum AnnealStrategy {
        /** Along half a cosine, PyTorch's {@code "cos"} (the default). */
        COS {
            @Override
            double anneal(double start, double end, double pct) {
                return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
            }
        },
        /** Along a straight line, PyTorch's {@code "linear"}. */
        LINEAR {
            @Override
            double anneal(double start, double end, double pct) {
                return (end - start) * pct + start;
            }
        };

        /** The rate at {@code pct} (0 to 1) of the way from {@code start} to {@code end}. */
        abstract double anneal(double start, double end, double pct);
    }

    private final double maxLearningRate;
    private final long totalSteps;
    private final double pctStart;
    private final AnnealStrategy annealStrategy;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;
    /** Per phase: the step it ends at (PyTorch's {@code end_step}), its start rate and its end rate. */
    private final double[] phaseEnds;
    private final double[] phaseStartRates;
    private final double[] phaseEndRates;

    /**
     * PyTorch's defaults: {@code pctStart = 0.3}, {@link AnnealStrategy#COS}, {@code divFactor = 25},
     * {@code finalDivFactor = 1e4}, two phases.
     */
    public OneCycle(double maxLearningRate, long totalSteps) {
        this(maxLearningRate, totalSteps, 0.3, AnnealStrategy.COS, 25, 1e4, false);
    }

    /**
     * A cycle of {@code totalSteps} steps peaking at {@code maxLearningRate}.
     *
     * @param maxLearningRate the peak rate: finite, greater than 0
     * @param totalSteps the cycle's length in optimizer steps (epochs times batches per epoch), at least 1
     * @param pctStart the fraction of the cycle spent rising, in {@code [0, 1]}; {@code pctStart * totalSteps}
     *     must not be exactly 1, which gives the rise no length (PyTorch divides by zero at step 0)
     * @param annealStrategy how the rate moves within a phase
     * @param divFactor {@code maxLearningRate / initial}: finite, greater than 0
     * @param finalDivFactor {@code initial / min}: finite, greater than 0
     * @param threePhase the paper's three phases instead of fastai's two
     */
    public OneCycle(double maxLearningRate, long totalSteps, double pctStart, AnnealStrategy annealStrategy,
            double divFactor, double finalDivFactor, boolean threePhase) {
        ScheduleChecks.positive("maxLearningRate", maxLearningRate);
        ScheduleChecks.steps("totalSteps", totalSteps);
        ScheduleChecks.fraction("pctStart", pctStart);
        Objects.requireNonNull(annealStrategy, "annealStrategy");
        ScheduleChecks.positive("divFactor", divFactor);
        ScheduleChecks.positive("finalDivFactor", finalDivFactor);
        double rise = pctStart * totalSteps;
        if (rise == 1) {
            throw new IllegalArgumentException("pctStart: " + pctStart + " * totalSteps " + totalSteps
                    + " = 1 makes the rise end at step 0, where it starts (PyTorch divides by zero there); expected"
                    + " pctStart * totalSteps other than 1");
        }
        this.maxLearningRate = maxLearningRate;
        this.totalSteps = totalSteps;
        this.pctStart = pctStart;
        this.annealStrategy = annealStrategy;
        this.divFactor = divFactor;
        this.finalDivFactor = finalDivFactor;
        this.threePhase = threePhase;
        double initial = maxLearningRate / divFactor;
        double min = initial / finalDivFactor;
        double last = totalSteps - 1;
        if (threePhase) {
            phaseEnds = new double[] {rise - 1, 2 * rise - 2, last};
            phaseStartRates = new double[] {initial, maxLearningRate, initial};
            phaseEndRates = new double[] {maxLearningRate, initial, min};
        } else {
            phaseEnds = new double[] {rise - 1, last};
            phaseStartRates = new double[] {initial, maxLearningRate};
            phaseEndRates = new double[] {maxLearningRate, min};
        }
    }

    @Override
    public double learningRate(long step) {
        ScheduleChecks.step(step);
        double at = Math.min(step, totalSteps - 1);
        double phaseStart = 0;
        int lastPhase = phaseEnds.length - 1;
        for (int phase = 0; ; phase++) {
            if (at <= phaseEnds[phase] || phase == lastPhase) {
                double pct = (at - phaseStart) / (phaseEnds[phase] - phaseStart);
                return annealStrategy.anneal(phaseStartRates[phase], phaseEndRates[phase], pct);
            }
            phaseStart = phaseEnds[phase];
        }
    }

    @Override
    public String toString() {
        return "OneCycle[maxLearningRate=" + maxLearningRate + ", totalSteps=" + totalSteps + ", pctStart=" + pctStart
                + ", annealStrategy=" + annealStrategy + ", divFactor=" + divFactor + ", finalDivFactor="
                + finalDivFactor + ", threePhase=" + threePhase + "]";
    }
}
