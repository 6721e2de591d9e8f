package dev.nnc.processor.validate;

import java.util.Set;

/**
 * Names the generated class takes for itself: a layer may not take the names of its methods, nor
 * the class the names of the types it imports or nests. Tests check these lists against
 * {@code Model}, {@code DoubleModel}, {@code Object} and the generated sources themselves.
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

    /**
     * The types a generated class imports, by qualified name. A class of the same simple name in
     * the package would hide each from the package's files that import it on demand
     * ({@code import dev.nnc.runtime.*;}), which would then get the generated class instead.
     */
    public static final Set<String> GENERATED_IMPORTS = Set.of(
            "dev.nnc.runtime.Checks", "dev.nnc.runtime.DoubleModel", "dev.nnc.runtime.Evaluation", "dev.nnc.runtime.internal.FixedOrderSums",
            "dev.nnc.runtime.internal.Initializers", "dev.nnc.runtime.LayerInfo", "dev.nnc.runtime.Memory",
            "dev.nnc.runtime.Model", "dev.nnc.runtime.OptimizerState", "dev.nnc.runtime.internal.PortableMath",
            "dev.nnc.runtime.internal.SpecialFunctions", "dev.nnc.runtime.TensorInfo", "dev.nnc.runtime.internal.VectorModule",
            "dev.nnc.runtime.internal.Vectors", "dev.nnc.runtime.Weights", "dev.nnc.runtime.WeightsFormatException",
            "java.io.IOException", "java.util.Arrays", "java.util.List", "java.util.Map", "java.util.Objects",
            "java.util.SplittableRandom", "javax.annotation.processing.Generated",
            "jdk.incubator.vector.DoubleVector", "jdk.incubator.vector.FloatVector", "jdk.incubator.vector.IntVector",
            "jdk.incubator.vector.VectorMask", "jdk.incubator.vector.VectorOperators",
            "jdk.incubator.vector.VectorSpecies");

    /** The classes nested in a generated class, whose name it may not share (JLS 8.1). */
    public static final Set<String> NESTED_CLASSES = Set.of("Kernels");

    private ReservedNames() {}
}
