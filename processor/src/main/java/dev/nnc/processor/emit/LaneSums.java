package dev.nnc.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Sums of a vector's lanes in an order fixed here. {@code reduceLanes(ADD)} leaves its order open
 * (its Javadoc: the result "may vary for the same input values"), and C2's order on JDK 25 is not
 * the interpreter's (measured: 560 of 8,192 sums of 8 lanes changed after compilation), so a
 * run's bits would depend on when the JIT compiled it. Instead each accumulator is added to itself
 * rotated by half its lanes, then a quarter, down to one, which leaves the sum of a fixed tree in
 * lane 0: lane-wise adds and moves, the same bits in every JIT tier. The rotations are constants
 * of their own: read from an array in a loop, C2 sometimes left them to the Java fallback, which
 * allocates (measured: 160 bytes a call in one model's output layer).
 */
final class LaneSums {

    /** The widest vector the folds cover: 64 float lanes, 2048 bits, the Vector API's largest shape. */
    private static final int MAX_LANES = 64;

    private LaneSums() {}

    /** The Kernels' rotations by 32, 16, ... 1 lanes, one static final field each, so C2 sees constants. */
    static List<FieldSpec> rotations(Numeric numeric) {
        List<FieldSpec> fields = new ArrayList<>();
        for (int lanes = MAX_LANES / 2; lanes >= 1; lanes /= 2) {
            fields.add(FieldSpec.builder(shuffle(numeric), rotation(lanes), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc(lanes == MAX_LANES / 2
                            ? CodeBlock.of("Rotations by 32, 16, ... 1 lanes: a vector plus itself rotated by half its lanes, then a\n"
                                    + "quarter, ... one, holds the sum of its lanes in lane 0, in a tree the lane count fixes\n"
                                    + "(reduceLanes leaves its order open).\n")
                            : CodeBlock.of("See $L.\n", rotation(MAX_LANES / 2)))
                    .initializer("$T.rotation(SPECIES, $L)", Types.VECTORS, lanes)
                    .build());
        }
        return fields;
    }

    /** Folds each of {@code accumulators} in place, so that lane 0 ({@code .lane(0)}) holds its sum. */
    static CodeBlock fold(List<String> accumulators) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("// the sums of their lanes, in a fixed tree, into lane 0; C2 drops the levels wider than LANES\n");
        for (int lanes = MAX_LANES / 2; lanes >= 1; lanes /= 2) {
            code.beginControlFlow("if (LANES > $L)", lanes);
            for (String accumulator : accumulators) {
                code.addStatement("$L = $L.add($L.rearrange($L))", accumulator, accumulator, accumulator, rotation(lanes));
            }
            code.endControlFlow();
        }
        return code.build();
    }

    private static String rotation(int lanes) {
        return "ROTATE_" + lanes;
    }

    private static TypeName shuffle(Numeric numeric) {
        return ParameterizedTypeName.get(ClassName.get(Numeric.VECTOR_PACKAGE, "VectorShuffle"), numeric.type().box());
    }
}
