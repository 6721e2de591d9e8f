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
 * A net of every transcendental activation for {@link TrainingFingerprint}, with dropout and an L1/L2
 * penalty (a sum of lanes); layers narrower than a vector take the dot-product form, whose sums
 * are sums of lanes too.
 */
@Network(name = "SeededMlpNet", inputs = 20, seed = 23)
@Loss(LossType.BINARY_CROSS_ENTROPY)
@Optimizer(value = OptimizerType.NADAM, learningRate = 0.005)
interface SeededMlp {
    @Layer(units = 24) @Activation(ActivationType.GELU)
    void gelu();

    @Layer(kind = LayerKind.DROPOUT, rate = 0.25)
    void dropout();

    @Layer(units = 19, kernelL1 = 1e-4, kernelL2 = 1e-3) @Activation(ActivationType.MISH)
    void mish();

    @Layer(units = 17) @Activation(ActivationType.SOFTPLUS)
    void softplus();

    @Layer(units = 13) @Activation(ActivationType.ELU)
    void elu();

    @Layer(units = 11) @Activation(ActivationType.SWISH)
    void swish();

    @Layer(units = 7) @Activation(value = ActivationType.GELU, approximate = true)
    void geluTanh();

    @Layer(units = 5) @Activation(ActivationType.TANH)
    void tanh();

    @Layer(units = 3) @Activation(ActivationType.SELU)
    void selu();

    @Layer(units = 1) @Activation(ActivationType.SIGMOID)
    void output();
}
