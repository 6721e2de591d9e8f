package com.example;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** The README's spec: the build writes {@code XorNet} from it. */
@Network(name = "XorNet", inputs = 2, seed = 42)
@Loss(LossType.BINARY_CROSS_ENTROPY)
@Optimizer(value = OptimizerType.ADAM, learningRate = 0.05)
interface Xor {
    @Layer(units = 4) @Activation(ActivationType.TANH)    void hidden();
    @Layer(units = 1) @Activation(ActivationType.SIGMOID) void output();
}
