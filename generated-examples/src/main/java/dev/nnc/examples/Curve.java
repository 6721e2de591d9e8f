package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Regression of {@code y = sin(x) + x^2 + 1} on {@code x} in [-2, 2] with a small ReLU network. */
@Network(name = "CurveNet", inputs = 1, seed = 7)
@Loss(LossType.MSE)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)
interface Curve {
    @Layer(units = 32) @Activation(ActivationType.RELU)
    void hidden1();

    @Layer(units = 32) @Activation(ActivationType.RELU)
    void hidden2();

    @Layer(units = 1)
    void output();
}
