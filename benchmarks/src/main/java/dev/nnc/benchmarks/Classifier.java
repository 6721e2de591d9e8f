package dev.nnc.benchmarks;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Net E: Keras' two-class classifier of the textbooks, on 13 tabular features: Dense(1024) - Dense(512) - Dense(1, sigmoid). */
@Network(name = "NetE", inputs = 13, seed = 5)
@Loss(LossType.BINARY_CROSS_ENTROPY)
@Optimizer(value = OptimizerType.ADAM, learningRate = 1e-3)
interface Classifier {
    @Layer(units = 1024) @Activation(ActivationType.RELU)
    void hidden1();

    @Layer(units = 512) @Activation(ActivationType.RELU)
    void hidden2();

    @Layer(units = 1) @Activation(ActivationType.SIGMOID)
    void output();
}
