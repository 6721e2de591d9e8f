package dev.nnc.examples;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/**
 * The canonical forecaster: two stacked LSTMs with dropout, then one value, reading a window of
 * the last 24 steps of one series.
 */
@Network(name = "ForecastNet", timesteps = 24, features = 1, seed = 3)
@Loss(LossType.MSE)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.003)
interface Forecast {
    @Layer(kind = LayerKind.LSTM, units = 32, returnSequences = true)
    void lstm1();

    @Layer(kind = LayerKind.DROPOUT, rate = 0.1)
    void dropout1();

    @Layer(kind = LayerKind.LSTM, units = 16)
    void lstm2();

    @Layer(kind = LayerKind.DROPOUT, rate = 0.1)
    void dropout2();

    @Layer(units = 1)
    void output();
}
