package dev.nnc.benchmarks;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Net B: a small regression MLP on 13 tabular features (the shape of Boston housing). */
@Network(name = "NetB", inputs = 13, seed = 1)
@Loss(LossType.MSE)
@Optimizer(value = OptimizerType.ADAM, learningRate = 1e-3)
interface Tabular {
    @Layer(units = 64) @Activation(ActivationType.RELU)
    void hidden1();

    @Layer(units = 32) @Activation(ActivationType.RELU)
    void hidden2();

    @Layer(units = 1) @Activation(ActivationType.LINEAR)
    void output();
}
