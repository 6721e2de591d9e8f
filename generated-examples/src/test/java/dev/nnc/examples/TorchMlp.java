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
 * The Java twin of {@code Mlp} in {@code src/test/python/torch_fixture.py}: the same layers under
 * the same names, shipped with PyTorch's {@code state_dict} as its classpath weights. PyTorch's
 * normalisation epsilon is written out (Keras' default is 1e-3, PyTorch's 1e-5; the script uses 1e-3).
 */
@Network(name = "TorchMlpNet", inputs = 6, seed = 1, weights = "/torch/mlp.safetensors")
@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
@Optimizer(OptimizerType.ADAM)
interface TorchMlp {
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
