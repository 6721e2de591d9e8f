package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** One small network per optimizer setting, whose steps the tests check against the formulas. */
final class OptimizerSpecs {
    private OptimizerSpecs() {}

    @Network(name = "PlainSgdNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.SGD, learningRate = 0.1)
    interface PlainSgd {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "MomentumSgdNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.SGD, learningRate = 0.1, momentum = 0.9, weightDecay = 0.01)
    interface MomentumSgd {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "NesterovSgdNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.SGD, learningRate = 0.1, momentum = 0.8, nesterov = true)
    interface NesterovSgd {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AdamNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAM, learningRate = 0.01)
    interface Adam {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AdamDecayNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAM, learningRate = 0.01, beta1 = 0.8, beta2 = 0.99, epsilon = 1e-6, weightDecay = 0.05)
    interface AdamDecay {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AdagradNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAGRAD, learningRate = 0.1, weightDecay = 0.01)
    interface Adagrad {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "RmspropNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.RMSPROP, learningRate = 0.01)
    interface Rmsprop {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "CenteredRmspropNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.RMSPROP, learningRate = 0.01, rho = 0.9, momentum = 0.5, centered = true, epsilon = 1e-6)
    interface CenteredRmsprop {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AmsgradNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAM, learningRate = 0.01, amsgrad = true)
    interface Amsgrad {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AdamwNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAMW, learningRate = 0.01, weightDecay = 0.1)
    interface Adamw {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "NadamNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.NADAM, learningRate = 0.01, weightDecay = 0.01)
    interface Nadam {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "AdamaxNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAMAX, learningRate = 0.02)
    interface Adamax {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "LionNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.LION, learningRate = 0.001, weightDecay = 0.1)
    interface Lion {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "ClipNormAdamNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.ADAM, learningRate = 0.01, clipNorm = 0.05)
    interface ClipNormAdam {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }

    @Network(name = "ClipValueSgdNet", inputs = 3, seed = 5)
    @Loss(LossType.MSE)
    @Optimizer(value = OptimizerType.SGD, learningRate = 0.1, clipValue = 0.01)
    interface ClipValueSgd {
        @Layer(units = 13) @Activation(ActivationType.TANH) void hidden();
        @Layer(units = 2) void output();
    }
}
