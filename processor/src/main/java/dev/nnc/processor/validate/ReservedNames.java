package dev.nnc.processor.validate;

import java.util.Set;

/**
 * Names a layer may not take: the methods every generated class has. Tests check these lists
 * against {@code Model}, {@code DoubleModel} and {@code Object} themselves.
 */
public final class ReservedNames {

    /** The methods of the runtime's {@code Model} and {@code DoubleModel}. */
    public static final Set<String> MODEL = Set.of(
            "name", "layers", "inputSize", "outputSize", "targetSize", "loss", "predict", "predictBatch",
            "trainBatch", "computeGradients", "applyGradients", "evaluate", "learningRate",
            "setLearningRate", "steps", "isTraining", "setTraining", "reseed", "parameterCount",
            "readParameters", "writeParameters", "readGradients", "setTrainable", "isTrainable", "snapshot", "restore",
            "parameters", "setParameters", "tensor", "newPredictor", "copy", "optimizer", "optimizerState", "setOptimizerState",
            "saveWeights", "loadWeights", "memory", "summary", "predictClasses", "predictProba");

    /** The public and protected methods of {@code java.lang.Object}, which every class has. */
    public static final Set<String> OBJECT = Set.of(
            "equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

    private ReservedNames() {}
}
