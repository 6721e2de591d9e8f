package dev.nnc.benchmarks;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Net D: an LSTM regressor on windows of a multivariate series, 30 steps of 3 features to 1 value. */
@Network(name = "NetD", timesteps = 30, features = 3, seed = 1)
@Loss(LossType.MSE)
@Optimizer(OptimizerType.ADAM)
interface Series {
    @Layer(kind = LayerKind.LSTM, units = 50)
    void lstm();

    @Layer(units = 1)
    void output();
}
