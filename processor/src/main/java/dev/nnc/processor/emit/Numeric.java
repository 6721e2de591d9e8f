package dev.nnc.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.nnc.annotations.Precision;

/**
 * The arithmetic a class is emitted in. Every emitter writes its math once against this, so the
 * float product and its double verification twin come from the same code.
 */
public enum Numeric {
    FLOAT(TypeName.FLOAT, "FloatVector", "floatSpecies", "Model"),
    DOUBLE(TypeName.DOUBLE, "DoubleVector", "doubleSpecies", "DoubleModel");

    static final String VECTOR_PACKAGE = "jdk.incubator.vector";
    static final String RUNTIME_PACKAGE = "dev.nnc.runtime";
    /** What only generated code calls; not API. */
    static final String INTERNAL_PACKAGE = "dev.nnc.runtime.internal";

    private final TypeName primitive;
    private final ClassName vector;
    private final String speciesFactory;
    private final ClassName model;

    Numeric(TypeName primitive, String vector, String speciesFactory, String model) {
        this.primitive = primitive;
        this.vector = ClassName.get(VECTOR_PACKAGE, vector);
        this.speciesFactory = speciesFactory;
        this.model = ClassName.get(RUNTIME_PACKAGE, model);
    }

    static Numeric of(Precision precision) {
        return precision == Precision.DOUBLE ? DOUBLE : FLOAT;
    }

    /** {@code float} or {@code double}. */
    TypeName type() {
        return primitive;
    }

    TypeName array() {
        return ArrayTypeName.of(primitive);
    }

    /** {@code FloatVector} or {@code DoubleVector}. */
    ClassName vector() {
        return vector;
    }

    /** {@code VectorSpecies<Float>} or {@code VectorSpecies<Double>}. */
    TypeName species() {
        return ParameterizedTypeName.get(ClassName.get(VECTOR_PACKAGE, "VectorSpecies"), primitive.box());
    }

    /** The {@code Vectors} factory method that picks the species. */
    String speciesFactory() {
        return speciesFactory;
    }

    /** {@code VectorMask<Float>} or {@code VectorMask<Double>}. */
    TypeName mask() {
        return ParameterizedTypeName.get(ClassName.get(VECTOR_PACKAGE, "VectorMask"), primitive.box());
    }

    /** The runtime interface the class implements. */
    ClassName model() {
        return model;
    }

    /** A literal of this type: {@code 0.9f} or {@code 0.9}. */
    String literal(double value) {
        return this == FLOAT ? Float.toString((float) value) + "f" : Double.toString(value);
    }

    /** The smallest normal value of this type, below which optimizer state is flushed to zero. */
    String minNormal() {
        return this == FLOAT ? "Float.MIN_NORMAL" : "Double.MIN_NORMAL";
    }

    /**
     * The check that a batch is finite: float models probe with vectors, as they run it on every
     * batch; the double twin, made for verification, takes the plain loop.
     */
    CodeBlock finiteCheck() {
        return this == FLOAT
                ? CodeBlock.of("$T.requireFinite", ClassName.get(INTERNAL_PACKAGE, "Vectors"))
                : CodeBlock.of("$T.finite", ClassName.get(RUNTIME_PACKAGE, "Checks"));
    }

    /** What turns a {@code double} expression (from {@code Math}) into this type: {@code (float) } or nothing. */
    String narrow() {
        return this == FLOAT ? "(float) " : "";
    }
}
