package dev.nnc.processor.plan;

import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;

/**
 * Where one layer's numbers live. Offsets index the model's flat parameter vector; the gradient
 * vector and every optimizer-state slot use the same offsets. Nothing here depends on the
 * vector lane count, which is known only when the generated class runs.
 *
 * @param spec the layer as declared
 * @param index position in the network, from 0
 * @param inputs values per sample coming in
 * @param units values per sample going out
 * @param kernelOffset first value of the {@code [inputs][units]} kernel
 * @param biasOffset first value of the {@code [units]} bias, or -1 without a bias
 * @param alphaOffset first value of the {@code [units]} learned PReLU slopes, or -1 without them
 * @param kernelInitializer the kernel's initialiser, resolved (never AUTO)
 * @param biasInitializer the bias's initialiser, resolved (never AUTO)
 * @param needsInputGradient whether backward must compute the gradient of its input: a trainable
 *     layer comes before it
 */
public record LayerPlan(
        LayerSpec spec,
        int index,
        int inputs,
        int units,
        int kernelOffset,
        int biasOffset,
        int alphaOffset,
        InitializerSpec kernelInitializer,
        InitializerSpec biasInitializer,
        boolean needsInputGradient) {

    public String name() {
        return spec.name();
    }

    public boolean trainable() {
        return spec.trainable();
    }

    /** Whether the backward pass visits the layer: it trains, or gradients flow through it to one that does. */
    public boolean needsBackward() {
        return trainable() || needsInputGradient;
    }

    public boolean hasBias() {
        return biasOffset >= 0;
    }

    public int kernelSize() {
        return inputs * units;
    }

    public boolean hasAlpha() {
        return alphaOffset >= 0;
    }

    public int parameterCount() {
        return kernelSize() + (hasBias() ? units : 0) + (hasAlpha() ? units : 0);
    }
}
