package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Network;

/** {@link SlopeFromZ} without a loss and an optimizer: it only predicts, so it keeps no z. */
@Network(name = "SlopeFromZPredictorNet", inputs = 5, seed = 31)
interface SlopeFromZPredictor {
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
