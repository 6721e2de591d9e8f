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
 * Every activation whose slope is read from the pre-activation z, after Dense layers and both
 * normalisations: the model keeps each z for its backward pass, and {@link SlopeFromZPredictor},
 * the same layers without a loss, keeps none and activates in place ({@code PredictorTwinTest}).
 */
@Network(name = "SlopeFromZNet", inputs = 5, seed = 31)
@Loss(LossType.MSE)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)
interface SlopeFromZ {
    @Layer(units = 13) @Activation(ActivationType.GELU)
    void gelu();

    @Layer(units = 11) @Activation(ActivationType.PRELU)
    void prelu();

    @Layer(units = 10) @Activation(ActivationType.ELU)
    void elu();

    @Layer(kind = LayerKind.LAYER_NORM) @Activation(ActivationType.SWISH)
    void layerNorm();

    @Layer(units = 9) @Activation(ActivationType.SELU)
    void selu();

    @Layer(kind = LayerKind.BATCH_NORM) @Activation(ActivationType.MISH)
    void batchNorm();

    @Layer(units = 3)
    void output();
}
