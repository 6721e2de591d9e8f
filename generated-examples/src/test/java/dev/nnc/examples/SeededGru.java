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
 * A GRU classifier for {@link TrainingFingerprint}: both GRU forms, recurrent dropout, a softmax
 * with cross-entropy, and global-norm clipping, whose norm is a sum of lanes.
 */
@Network(name = "SeededGruNet", timesteps = 9, features = 3, seed = 17)
@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01, clipNorm = 1.0)
interface SeededGru {
    @Layer(kind = LayerKind.GRU, units = 11, returnSequences = true, recurrentDropout = 0.2)
    void gru1();

    @Layer(kind = LayerKind.GRU, units = 6, resetAfter = false)
    void gru2();

    @Layer(units = 3) @Activation(ActivationType.SOFTMAX)
    void output();
}
