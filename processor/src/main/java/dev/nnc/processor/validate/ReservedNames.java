package dev.nnc.processor.validate;

import java.util.Set;

/**
 * Names a layer may not take: the members of the runtime's {@code Model} and {@code Object}, which
 * every generated class has. A test checks this list against {@code Model} itself.
 */
public final class ReservedNames {

    public static final Set<String> ALL = Set.of(
            "name", "layers", "inputSize", "outputSize", "targetSize", "loss", "predict", "predictBatch",
            "trainBatch", "computeGradients", "applyGradients", "evaluate", "learningRate",
            "setLearningRate", "steps", "isTraining", "setTraining", "reseed", "parameterCount",
            "readParameters", "writeParameters", "readGradients", "setTrainable", "isTrainable", "snapshot", "restore",
            "parameters", "setParameters", "tensor", "newPredictor", "copy", "optimizer", "optimizerState", "setOptimizerState",
            "saveWeights", "loadWeights", "memory", "summary", "predictClasses", "predictProba",
            "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    private ReservedNames() {}
}
