package dev.nnc.examples;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/** Classpath weights that are another network's: {@code pretrained()} must refuse them, naming the resource. */
@Network(name = "MisplacedWeightsNet", inputs = 6, weights = "/torch/sequence.safetensors")
@Loss(LossType.MSE)
@Optimizer(OptimizerType.SGD)
interface MisplacedWeights {
    @Layer(units = 4)
    void hidden();

    @Layer(units = 2)
    void output();
}
