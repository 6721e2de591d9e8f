package dev.nnc.examples;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** A small twin of the forecaster for {@link TrainingFingerprint}: stacked LSTMs with dropout. */
@Network(name = "SeededLstmNet", timesteps = 8, features = 2, seed = 13)
@Loss(LossType.MSE)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)
interface SeededLstm {
    @Layer(kind = LayerKind.LSTM, units = 12, returnSequences = true)
    void lstm1();

    @Layer(kind = LayerKind.DROPOUT, rate = 0.2)
    void dropout();

    @Layer(kind = LayerKind.LSTM, units = 6, dropout = 0.1)
    void lstm2();

    @Layer(units = 1)
    void output();
}
