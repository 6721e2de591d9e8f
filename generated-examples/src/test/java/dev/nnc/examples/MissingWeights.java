package dev.nnc.examples;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Classpath weights that are not there: the class must still load, and {@code pretrained()} say what is missing. */
@Network(name = "MissingWeightsNet", inputs = 6, weights = "none.safetensors")
@Loss(LossType.MSE)
@Optimizer(OptimizerType.SGD)
interface MissingWeights {
    @Layer(units = 2)
    void output();
}
