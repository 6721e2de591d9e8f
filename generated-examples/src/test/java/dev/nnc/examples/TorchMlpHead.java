package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/**
 * {@link TorchMlp}'s body under a new head of 5 classes: the network a transfer-learning user
 * builds, which takes the trained body's weights with {@code Weights.loadMatching}.
 */
@Network(name = "TorchMlpHeadNet", inputs = 6, seed = 4)
@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
@Optimizer(OptimizerType.ADAM)
interface TorchMlpHead {
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

    @Layer(units = 5)
    @Activation(ActivationType.SOFTMAX)
    void output();
}
