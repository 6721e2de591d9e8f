package dev.nnc.examples;

import dev.nnc.annotations.Layer;
import dev.nnc.annotations.LayerKind;
import dev.nnc.annotations.Loss;
import dev.nnc.annotations.LossType;
import dev.nnc.annotations.Network;
import dev.nnc.annotations.Optimizer;
import dev.nnc.annotations.OptimizerType;

/**
 * The Java twin of {@code Sequence} in {@code src/test/python/torch_fixture.py}: PyTorch's
 * {@code nn.LSTM}, {@code nn.GRU} (reset-after, Keras' default form) and {@code nn.RNN} (tanh),
 * batch first, the last step of the last one read by a linear layer.
 */
@Network(name = "TorchSequenceNet", timesteps = 7, features = 3, seed = 1, weights = "/torch/sequence.safetensors")
@Loss(LossType.MSE)
@Optimizer(OptimizerType.ADAM)
interface TorchSequence {
    @Layer(kind = LayerKind.LSTM, units = 8, returnSequences = true)
    void lstm();

    @Layer(kind = LayerKind.GRU, units = 6, returnSequences = true)
    void gru();

    @Layer(kind = LayerKind.SIMPLE_RNN, units = 5)
    void rnn();

    @Layer(units = 2)
    void output();
}
