package dev.nnc.benchmarks;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** The 256-256-256 nets of {@link ActivationBenchmark}: the same shape, one activation each. */
final class WideNets {
    private WideNets() {}

    @Network(name = "WideRelu", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface Relu {
        @Layer(units = 256) @Activation(ActivationType.RELU) void hidden();
        @Layer(units = 256) @Activation(ActivationType.RELU) void output();
    }

    @Network(name = "WideTanh", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface Tanh {
        @Layer(units = 256) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 256) @Activation(ActivationType.TANH) void output();
    }

    @Network(name = "WideGelu", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface Gelu {
        @Layer(units = 256) @Activation(ActivationType.GELU) void hidden();
        @Layer(units = 256) @Activation(ActivationType.GELU) void output();
    }

    @Network(name = "WideGeluTanh", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface GeluTanh {
        @Layer(units = 256) @Activation(value = ActivationType.GELU, approximate = true) void hidden();
        @Layer(units = 256) @Activation(value = ActivationType.GELU, approximate = true) void output();
    }

    @Network(name = "WideSigmoid", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface Sigmoid {
        @Layer(units = 256) @Activation(ActivationType.SIGMOID) void hidden();
        @Layer(units = 256) @Activation(ActivationType.SIGMOID) void output();
    }

    @Network(name = "WideMish", inputs = 256, seed = 1)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface Mish {
        @Layer(units = 256) @Activation(ActivationType.MISH) void hidden();
        @Layer(units = 256) @Activation(ActivationType.MISH) void output();
    }
}
