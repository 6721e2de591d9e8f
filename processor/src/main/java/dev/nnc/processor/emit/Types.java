package dev.nnc.processor.emit;

import com.palantir.javapoet.ClassName;

/** Runtime and JDK types the emitted code names. */
final class Types {
    static final ClassName VECTOR_OPERATORS = ClassName.get(Numeric.VECTOR_PACKAGE, "VectorOperators");
    static final ClassName VECTORS = ClassName.get(Numeric.INTERNAL_PACKAGE, "Vectors");
    static final ClassName PREDICTOR = ClassName.get(Numeric.RUNTIME_PACKAGE, "Predictor");
    static final ClassName FIXED_ORDER_SUMS = ClassName.get(Numeric.INTERNAL_PACKAGE, "FixedOrderSums");
    static final ClassName VECTOR_MODULE = ClassName.get(Numeric.INTERNAL_PACKAGE, "VectorModule");
    static final ClassName CHECKS = ClassName.get(Numeric.RUNTIME_PACKAGE, "Checks");
    static final ClassName SPECIAL_FUNCTIONS = ClassName.get(Numeric.INTERNAL_PACKAGE, "SpecialFunctions");
    static final ClassName INITIALIZERS = ClassName.get(Numeric.INTERNAL_PACKAGE, "Initializers");
    static final ClassName LAYER_INFO = ClassName.get(Numeric.RUNTIME_PACKAGE, "LayerInfo");
    static final ClassName TENSOR_INFO = ClassName.get(Numeric.RUNTIME_PACKAGE, "TensorInfo");
    static final ClassName OPTIMIZER_STATE = ClassName.get(Numeric.RUNTIME_PACKAGE, "OptimizerState");
    static final ClassName WEIGHTS_FORMAT_EXCEPTION = ClassName.get(Numeric.RUNTIME_PACKAGE, "WeightsFormatException");
    static final ClassName MEMORY = ClassName.get(Numeric.RUNTIME_PACKAGE, "Memory");
    static final ClassName WEIGHTS = ClassName.get(Numeric.RUNTIME_PACKAGE, "Weights");
    static final ClassName EVALUATION = ClassName.get(Numeric.RUNTIME_PACKAGE, "Evaluation");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName SPLITTABLE_RANDOM = ClassName.get("java.util", "SplittableRandom");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    private Types() {}
}
