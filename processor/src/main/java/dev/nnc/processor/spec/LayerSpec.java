package dev.nnc.processor.spec;

import dev.nnc.annotations.LayerKind;

/**
 * One {@code @Layer} method.
 *
 * @param name the method's name, which is the layer's name
 * @param source the {@code @Layer} annotation on the method
 * @param method the method's shape, checked by the validator
 * @param kind what the layer computes
 * @param units output units
 * @param useBias whether it adds a bias
 * @param trainable whether the optimizer trains it
 * @param kernelInitializer how its kernel starts
 * @param biasInitializer how its bias starts
 * @param penalties its L1 and L2 penalties
 * @param activation its activation
 * @param settings what dropout and normalisation layers read, and the attributes written
 */
public record LayerSpec(
        String name,
        Source source,
        MethodShape method,
        LayerKind kind,
        int units,
        boolean useBias,
        boolean trainable,
        InitializerSpec kernelInitializer,
        InitializerSpec biasInitializer,
        Penalties penalties,
        ActivationSpec activation,
        LayerSettings settings) {

    /** Whether the layer gives its input's shape back: dropout and normalisation. */
    public boolean keepsShape() {
        return kind == LayerKind.DROPOUT || kind == LayerKind.LAYER_NORM || kind == LayerKind.BATCH_NORM;
    }

    /** Whether the layer runs along the time axis: SimpleRNN, LSTM, GRU. */
    public boolean isRecurrent() {
        return kind == LayerKind.SIMPLE_RNN || kind == LayerKind.LSTM || kind == LayerKind.GRU;
    }

    /** Gates of a recurrent layer, each a block of {@code units} columns of its kernels: 1, 4 (LSTM) or 3 (GRU). */
    public int gates() {
        return switch (kind) {
            case LSTM -> 4;
            case GRU -> 3;
            default -> 1;
        };
    }

    /** Whether the layer keeps a second bias row for its recurrent product: GRU in Keras' reset-after form. */
    public boolean twoBiases() {
        return kind == LayerKind.GRU && settings.resetAfter();
    }

    /** Time steps of the layer's output for {@code inputSteps} coming in (0: no time axis). */
    public int outputSteps(int inputSteps) {
        return isRecurrent() && !settings.returnSequences() ? 0 : inputSteps;
    }

    /** Values per sample (or per timestep) the layer gives for {@code inputWidth} it takes. */
    public int outputWidth(int inputWidth) {
        return keepsShape() ? inputWidth : units;
    }

    /**
     * The parameters the layer holds for {@code inputWidth} values coming in, trained or not; in a
     * long, for the validator to compare with an array's limit before anything is laid out.
     */
    public long parameterCount(int inputWidth) {
        return switch (kind) {
            case DENSE -> (long) inputWidth * units + (useBias ? units : 0) + (activation.learnsAlpha() ? units : 0);
            // GRU's reset-after form has an input and a recurrent bias
            case SIMPLE_RNN, LSTM, GRU -> (long) gates() * units * (inputWidth + units)
                    + (useBias ? (long) gates() * units * (twoBiases() ? 2 : 1) : 0);
            case DROPOUT -> 0;
            case LAYER_NORM -> (long) inputWidth * ((settings.scale() ? 1 : 0) + (settings.center() ? 1 : 0));
            case BATCH_NORM -> (long) inputWidth * ((settings.scale() ? 1 : 0) + (settings.center() ? 1 : 0) + 2);
        };
    }
}
