package dev.nnc.benchmarks;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Net C: the classic MNIST MLP, 784 pixels to 10 classes. */
@Network(name = "NetC", inputs = 784, seed = 1)
@Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
@Optimizer(value = OptimizerType.ADAM, learningRate = 1e-3)
interface Digits {
    @Layer(units = 128) @Activation(ActivationType.RELU)
    void hidden1();

    @Layer(units = 64) @Activation(ActivationType.RELU)
    void hidden2();

    @Layer(units = 10) @Activation(ActivationType.SOFTMAX)
    void output();
}
