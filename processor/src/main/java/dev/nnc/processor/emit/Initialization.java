package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.nnc.processor.layer.LayerTypes;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.TensorPlan;
import dev.nnc.processor.spec.InitializerSpec;

/**
 * The statements that draw a layer's tensors, in order, from the model's seeded generator into the
 * double array {@code p}. One generator for the whole network, so adding a layer changes the draws
 * of those after it, as in Keras with a global seed.
 */
public final class Initialization {

    private Initialization() {}

    static CodeBlock of(LayerPlan layer, LayerNames names) {
        CodeBlock.Builder code = CodeBlock.builder();
        for (TensorPlan tensor : layer.tensors()) {
            String what = "layer '" + layer.name() + "' " + tensor.name() + " " + tensor.shape();
            if (tensor.initializer().type() != dev.nnc.annotations.InitializerType.ZEROS) {
                code.add("// $L, fans $L and $L\n", what, tensor.fanIn(), tensor.fanOut());
            }
            code.add(draw(tensor.initializer(), names.tensor(tensor.name()), tensor.size(), tensor.fanIn(), tensor.fanOut(), what));
        }
        return code.add(LayerTypes.of(layer.kind()).afterInitialization(layer, names)).build();
    }

    /** Sets the {@code count} values of {@code p} from {@code offset} (expressions both) to {@code value}. */
    public static CodeBlock constant(String offset, String count, double value) {
        return CodeBlock.of("$T.constant(p, $L, $L, $L);\n", Types.INITIALIZERS, offset, count, value);
    }

    private static CodeBlock draw(InitializerSpec init, String offset, int count, int fanIn, int fanOut, String what) {
        Object i = Types.INITIALIZERS;
        return switch (init.type()) {
            case ZEROS -> CodeBlock.of("// $L starts at zero\n", what);
            case ONES -> constant(offset, String.valueOf(count), 1.0);
            case CONSTANT -> constant(offset, String.valueOf(count), init.constant());
            case RANDOM_NORMAL -> CodeBlock.of("$T.randomNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, init.mean(), init.stddev());
            case RANDOM_UNIFORM -> CodeBlock.of("$T.randomUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, init.minval(), init.maxval());
            case TRUNCATED_NORMAL -> CodeBlock.of("$T.truncatedNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, init.mean(), init.stddev());
            case GLOROT_UNIFORM -> CodeBlock.of("$T.glorotUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case GLOROT_NORMAL -> CodeBlock.of("$T.glorotNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case HE_UNIFORM -> CodeBlock.of("$T.heUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case HE_NORMAL -> CodeBlock.of("$T.heNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case LECUN_UNIFORM -> CodeBlock.of("$T.lecunUniform(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case LECUN_NORMAL -> CodeBlock.of("$T.lecunNormal(p, $L, $L, $L, $L, random);\n", i, offset, count, fanIn, fanOut);
            case ORTHOGONAL -> CodeBlock.of("$T.orthogonal(p, $L, $L, $L, $L, random);\n", i, offset, fanIn, fanOut, init.gain());
            case AUTO -> throw new IllegalStateException("the planner resolves AUTO");
        };
    }
}
