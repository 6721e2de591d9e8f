package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Network;

/**
 * {@link TorchMlp} as a service that only predicts declares it: no {@code @Loss}, no
 * {@code @Optimizer}, the weights PyTorch made shipped in the jar.
 */
@Network(name = "TorchMlpPredictorNet", inputs = 6, weights = "/torch/mlp.safetensors")
interface TorchMlpPredictor {
    @Layer(units = 16)
    void hidden();

    @Layer(kind = LayerKind.BATCH_NORM, epsilon = 1e-3)
    @Activation(ActivationType.RELU)
    void norm();

    @Layer(units = 8)
    void features();

    @Layer(kind = LayerKind.LAYER_NORM, epsilon = 1e-3)
    @Activation(ActivationType.TANH)
    void layerNorm();

    @Layer(units = 3)
    @Activation(ActivationType.SOFTMAX)
    void output();
}
