package dev.nnc.runtime;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an optimizer carries from one step to the next, so training can resume where it stopped
 * (what PyTorch's {@code optimizer.state_dict()} and Keras' optimizer variables hold). Taken by
 * {@link Model#optimizerState()}, put back by {@link Model#setOptimizerState}, and saved with the
 * weights by {@link Weights#save(Predictor, java.nio.file.Path, SaveOptions)}.
 *
 * <p>Immutable: arrays are copied in and out. Names are borrowed from {@code torch.optim}: the
 * optimizer is its class name in lower case ({@code adam}, {@code adamw}, {@code sgd}, ...) and
 * the slots are named as its per-parameter state ({@code exp_avg}, {@code exp_avg_sq},
 * {@code momentum_buffer}, ...). The layout is this model's, not PyTorch's: each slot is one
 * vector laid out as {@link Model#readParameters} (Keras' kernels {@code [in, out]}, one bias per
 * recurrent layer), with 0 where no parameter trains (layers declared frozen, batch
 * normalisation's running statistics), and the step count is one for all parameters. It resumes
 * training in nnc; PyTorch cannot read it as its own optimizer state.
 *
 * <p>The slots are those {@code torch.optim} keeps for the optimizers of this runtime
 * ({@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}, {@code momentum_buffer},
 * {@code sum}, {@code square_avg}, {@code grad_avg}, {@code exp_inf}); another name is refused.
 * A name carries its meaning, and a state that breaks it is refused, since the next step would
 * turn it into NaN weights (a square root of a negative, a division by 0): the slots that sum or
 * average squares or magnitudes ({@code exp_avg_sq}, {@code max_exp_avg_sq}, {@code sum},
 * {@code square_avg}, {@code exp_inf}) are at least 0, NAdam's {@code mu_product}, a product of
 * factors below 1, is from 0 to 1, and the step count leaves room for one more step.
 */
public final class OptimizerState {

    /**
     * Every per-parameter slot an optimizer of this runtime keeps, by {@code torch.optim}'s key: a
     * first moment, second moments and their maximum, a momentum buffer, sums and averages of
     * squares, a centered average of gradients, an infinity norm. A file's optimizer state holds
     * these or none, so it is at most this many vectors as long as the parameters.
     */
    static final List<String> SLOTS = List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "momentum_buffer", "sum", "square_avg",
            "grad_avg", "exp_inf");

    /** The slots of {@code torch.optim} that sum or average squares or magnitudes: never negative. */
    private static final Set<String> NON_NEGATIVE = Set.of("exp_avg_sq", "max_exp_avg_sq", "sum", "square_avg", "exp_inf");

    /** NAdam's product of its momentum factors, each between 0 and 1. */
    private static final String MU_PRODUCT = "mu_product";

    private final String optimizer;
    private final long steps;
    private final double learningRate;
    private final Map<String, float[]> slots;
    private final Map<String, Double> scalars;

    private OptimizerState(String optimizer, long steps, double learningRate, Map<String, float[]> slots,
            Map<String, Double> scalars) {
        this.optimizer = optimizer;
        this.steps = steps;
        this.learningRate = learningRate;
        this.slots = slots;
        this.scalars = scalars;
    }

    /**
     * A state of {@code optimizer} after {@code steps} steps at {@code learningRate}, with its
     * per-parameter {@code slots} (all of one length) and its other values, copied.
     *
     * @throws IllegalArgumentException when {@code steps} is negative or {@link Long#MAX_VALUE},
     *     the learning rate is not finite and at least 0, a slot is not named as an optimizer's
     *     (see the class comment), the slots differ in length, a value is not finite, or a value is
     *     outside the range its name implies
     */
    public static OptimizerState of(String optimizer, long steps, double learningRate, Map<String, float[]> slots,
            Map<String, Double> scalars) {
        Objects.requireNonNull(optimizer, "optimizer");
        if (steps < 0 || steps == Long.MAX_VALUE) {
            // the next step counts one more: past Long.MAX_VALUE, a negative count that the bias corrections turn into NaN
            throw new IllegalArgumentException("steps: expected from 0 to " + (Long.MAX_VALUE - 1) + ", found " + steps);
        }
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: expected a finite number at least 0, found " + learningRate);
        }
        Map<String, float[]> slotCopies = new LinkedHashMap<>();
        int length = -1;
        for (Map.Entry<String, float[]> slot : Objects.requireNonNull(slots, "slots").entrySet()) {
            if (!SLOTS.contains(slot.getKey())) {
                throw new IllegalArgumentException("slot '" + Messages.excerpt(slot.getKey())
                        + "' is no optimizer's slot; the slots are torch.optim's " + SLOTS);
            }
            float[] values = Objects.requireNonNull(slot.getValue(), () -> "slot '" + slot.getKey() + "' is null");
            if (length >= 0 && values.length != length) {
                throw new IllegalArgumentException("slot '" + slot.getKey() + "': expected " + length
                        + " values as the slots before it, found " + values.length);
            }
            length = values.length;
            Checks.finite("slot '" + slot.getKey() + "'", values, values.length);
            if (NON_NEGATIVE.contains(slot.getKey())) {
                requireNonNegative(slot.getKey(), values);
            }
            slotCopies.put(slot.getKey(), values.clone());
        }
        Map<String, Double> scalarCopies = new LinkedHashMap<>();
        Objects.requireNonNull(scalars, "scalars").forEach((name, value) -> {
            if (!Double.isFinite(Objects.requireNonNull(value, () -> "scalar '" + name + "' is null"))) {
                throw new IllegalArgumentException("scalar '" + name + "': expected a finite value, found " + value);
            }
            if (name.equals(MU_PRODUCT) && !(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("scalar '" + MU_PRODUCT + "': expected NAdam's product of momentum factors,"
                        + " from 0 to 1, found " + value);
            }
            scalarCopies.put(name, value);
        });
        return new OptimizerState(optimizer, steps, learningRate, Collections.unmodifiableMap(slotCopies),
                Collections.unmodifiableMap(scalarCopies));
    }

    private static void requireNonNegative(String slot, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException("slot '" + slot + "' holds " + values[i] + " at element " + i
                        + "; it sums or averages squares or magnitudes, so it is at least 0");
            }
        }
    }

    /**
     * The state of a generated model, whose slot {@code k} holds the values of its first
     * {@code trained} parameters at {@code k * stride} of {@code state}; each slot is returned with
     * {@code parameters} values, 0 past {@code trained}. For generated code.
     */
    public static OptimizerState read(String optimizer, long steps, double learningRate, List<String> slotNames,
            float[] state, int stride, int trained, int parameters, Map<String, Double> scalars) {
        Map<String, float[]> slots = new LinkedHashMap<>();
        for (int k = 0; k < slotNames.size(); k++) {
            float[] slot = new float[parameters];
            System.arraycopy(state, k * stride, slot, 0, trained);
            slots.put(slotNames.get(k), slot);
        }
        return of(optimizer, steps, learningRate, slots, scalars);
    }

    /**
     * Writes this state's slots into a generated model's {@code state}, laid out as
     * {@link #read} reads it, after checking it is a state of {@code optimizer} with exactly
     * these slots and scalars, each slot of {@code parameters} values. For generated code.
     *
     * @throws IllegalArgumentException naming what differs
     */
    public void write(String optimizer, List<String> slotNames, List<String> scalarNames, float[] state, int stride,
            int trained, int parameters) {
        if (!this.optimizer.equals(optimizer)) {
            throw new IllegalArgumentException("optimizer state of '" + Messages.excerpt(this.optimizer) + "', not of this model's '"
                    + optimizer + "'");
        }
        // as sets: a file's tensors and metadata may come back in another order (safetensors' writer sorts them)
        if (!slots.keySet().equals(Set.copyOf(slotNames)) || !scalars.keySet().equals(Set.copyOf(scalarNames))) {
            throw new IllegalArgumentException("optimizer state '" + optimizer + "' with slots " + Messages.list(slots.keySet())
                    + " and scalars " + Messages.list(scalars.keySet()) + ", this model's has slots " + slotNames
                    + " and scalars " + scalarNames + " (another setting such as amsgrad, momentum or centered?)");
        }
        for (Map.Entry<String, float[]> slot : slots.entrySet()) {
            if (slot.getValue().length != parameters) {
                throw new IllegalArgumentException("slot '" + slot.getKey() + "': expected " + parameters
                        + " values, one per parameter, found " + slot.getValue().length);
            }
        }
        for (int k = 0; k < slotNames.size(); k++) {
            System.arraycopy(slots.get(slotNames.get(k)), 0, state, k * stride, trained);
        }
    }

    /** The optimizer's name, as {@code torch.optim}'s class in lower case. */
    public String optimizer() {
        return optimizer;
    }

    /** Optimizer steps taken. */
    public long steps() {
        return steps;
    }

    /** The learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** The names of the per-parameter slots, in order. */
    public List<String> slotNames() {
        return List.copyOf(slots.keySet());
    }

    /**
     * A copy of the slot {@code name}.
     *
     * @throws IllegalArgumentException naming the slots there are
     */
    public float[] slot(String name) {
        float[] slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("no slot '" + name + "'; slots are " + Messages.list(slots.keySet()));
        }
        return slot.clone();
    }

    /** The other values by name, in order; unmodifiable. */
    public Map<String, Double> scalars() {
        return scalars;
    }

    /**
     * The value {@code name}.
     *
     * @throws IllegalArgumentException naming the values there are
     */
    public double scalar(String name) {
        Double value = scalars.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no scalar '" + name + "'; scalars are " + Messages.list(scalars.keySet()));
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof OptimizerState that) || !optimizer.equals(that.optimizer) || steps != that.steps
                || Double.compare(learningRate, that.learningRate) != 0 || !scalars.equals(that.scalars)
                || !slots.keySet().equals(that.slots.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> slot : slots.entrySet()) {
            if (!Arrays.equals(slot.getValue(), that.slots.get(slot.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(optimizer, steps, learningRate, slots.keySet(), scalars);
    }

    @Override
    public String toString() {
        return "OptimizerState[" + optimizer + ", steps " + steps + ", learning rate " + learningRate + ", slots "
                + slots.keySet() + ", scalars " + scalars + "]";
    }
}
