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
 * A SimpleRNN with layer and batch normalisation for {@link TrainingFingerprint}: sums over a
 * row's features and over a batch's samples, a PReLU's learned slopes, and layers of 21 and 37
 * units, which no vector width divides.
 */
@Network(name = "SeededNormNet", timesteps = 5, features = 4, seed = 29)
@Loss(LossType.HUBER)
@Optimizer(value = OptimizerType.RMSPROP, learningRate = 0.003, clipValue = 0.5)
interface SeededNorm {
    @Layer(kind = LayerKind.SIMPLE_RNN, units = 21, returnSequences = true)
    void rnn();

    @Layer(kind = LayerKind.LAYER_NORM)
    void layerNorm();

    @Layer(kind = LayerKind.SIMPLE_RNN, units = 9)
    void rnn2();

    @Layer(units = 37, kernelL2 = 1e-3) @Activation(ActivationType.PRELU)
    void dense();

    @Layer(kind = LayerKind.BATCH_NORM)
    void batchNorm();

    @Layer(units = 2)
    void output();
}
