package dev.nnc.examples;

import dev.nnc.annotations.Activation;
import dev.nnc.annotations.ActivationType;
import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;
import dev.nnc.annotations.Precision;

/**
 * Every output activation x loss combination the processor accepts, each in double (for the
 * finite-difference check) and in float (checked against its double twin). Sizes are odd (3, 13,
 * 31) so no layer is a multiple of any lane count. Written out by hand so each spec reads as a
 * user would write it.
 */
final class GradientSpecs {
    private GradientSpecs() {}

    @Network(name = "MseLinearD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLinearDSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 31, useBias = false) @Activation(value = ActivationType.RELU)
        void hidden2();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "MseLinearF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLinearFSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 31, useBias = false) @Activation(value = ActivationType.RELU)
        void hidden2();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "MseLinearOneD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLinearOneDSpec {        @Layer(units = 31) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 1) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "MseLinearOneF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLinearOneFSpec {        @Layer(units = 31) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 1) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "MseSigmoidD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseSigmoidDSpec {        @Layer(units = 13) @Activation(value = ActivationType.SIGMOID)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "MseSigmoidF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseSigmoidFSpec {        @Layer(units = 13) @Activation(value = ActivationType.SIGMOID)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "MseTanhD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseTanhDSpec {        @Layer(units = 13) @Activation(value = ActivationType.LEAKY_RELU, alpha = 0.1)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.TANH)
        void output();
    }

    @Network(name = "MseTanhF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseTanhFSpec {        @Layer(units = 13) @Activation(value = ActivationType.LEAKY_RELU, alpha = 0.1)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.TANH)
        void output();
    }

    @Network(name = "MseReluD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseReluDSpec {        @Layer(units = 13) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.RELU)
        void output();
    }

    @Network(name = "MseReluF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseReluFSpec {        @Layer(units = 13) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.RELU)
        void output();
    }

    @Network(name = "MseLeakyD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLeakyDSpec {        @Layer(units = 13) @Activation(value = ActivationType.LINEAR)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LEAKY_RELU)
        void output();
    }

    @Network(name = "MseLeakyF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseLeakyFSpec {        @Layer(units = 13) @Activation(value = ActivationType.LINEAR)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LEAKY_RELU)
        void output();
    }

    @Network(name = "MseSoftmaxD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseSoftmaxDSpec {        @Layer(units = 13) @Activation(value = ActivationType.SOFTMAX)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SOFTMAX)
        void output();
    }

    @Network(name = "MseSoftmaxF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.MSE)
    @Optimizer(OptimizerType.ADAM)
    interface MseSoftmaxFSpec {        @Layer(units = 13) @Activation(value = ActivationType.SOFTMAX)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SOFTMAX)
        void output();
    }

    @Network(name = "BceSigmoidOneD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.BINARY_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface BceSigmoidOneDSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 1) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "BceSigmoidOneF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.BINARY_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface BceSigmoidOneFSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 1) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "BceSigmoidD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.BINARY_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface BceSigmoidDSpec {        @Layer(units = 31) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "BceSigmoidF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.BINARY_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface BceSigmoidFSpec {        @Layer(units = 31) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.SIGMOID)
        void output();
    }

    @Network(name = "BceLogitsD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(value = LossType.BINARY_CROSS_ENTROPY, fromLogits = true)
    @Optimizer(OptimizerType.ADAM)
    interface BceLogitsDSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "BceLogitsF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(value = LossType.BINARY_CROSS_ENTROPY, fromLogits = true)
    @Optimizer(OptimizerType.ADAM)
    interface BceLogitsFSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "CceSoftmaxD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface CceSoftmaxDSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 31) @Activation(value = ActivationType.LEAKY_RELU)
        void hidden2();
        @Layer(units = 3) @Activation(ActivationType.SOFTMAX)
        void output();
    }

    @Network(name = "CceSoftmaxF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(LossType.CATEGORICAL_CROSS_ENTROPY)
    @Optimizer(OptimizerType.ADAM)
    interface CceSoftmaxFSpec {        @Layer(units = 13) @Activation(value = ActivationType.TANH)
        void hidden1();
        @Layer(units = 31) @Activation(value = ActivationType.LEAKY_RELU)
        void hidden2();
        @Layer(units = 3) @Activation(ActivationType.SOFTMAX)
        void output();
    }

    @Network(name = "CceLogitsD", inputs = 3, seed = 11, precision = Precision.DOUBLE)
    @Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)
    @Optimizer(OptimizerType.ADAM)
    interface CceLogitsDSpec {        @Layer(units = 13) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }

    @Network(name = "CceLogitsF", inputs = 3, seed = 11, precision = Precision.FLOAT)
    @Loss(value = LossType.CATEGORICAL_CROSS_ENTROPY, fromLogits = true)
    @Optimizer(OptimizerType.ADAM)
    interface CceLogitsFSpec {        @Layer(units = 13) @Activation(value = ActivationType.RELU)
        void hidden1();
        @Layer(units = 3) @Activation(ActivationType.LINEAR)
        void output();
    }
}
