package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.ActivationSpec;

/**
 * How one unit's cell arithmetic is written: on scalars (the tail) or on vectors of units (the
 * body), so each cell is described once and emitted twice. Every value is first bound to a
 * local ({@link #let}), as the vector forms read their inputs more than once.
 */
abstract class Lane {
    final CodeBlock.Builder body = CodeBlock.builder();
    final Numeric numeric;
    private final LayerPlan layer;
    private final ActivationEmitter activations;

    private Lane(Numeric numeric, LayerPlan layer) {
        this.numeric = numeric;
        this.layer = layer;
        this.activations = new ActivationEmitter(numeric);
    }

    /** A lane of scalars: the tail of the units. */
    static Lane scalar(Numeric numeric, LayerPlan layer) {
        return new Scalar(numeric, layer);
    }

    /** A lane of vectors: the body of the units. */
    static Lane vector(Numeric numeric, LayerPlan layer) {
        return new Vector(numeric, layer);
    }

    /** The type of a local: the element type, or the vector type. */
    abstract TypeName type();

    abstract CodeBlock load(String array, String index);

    abstract void store(CodeBlock value, String array, String index);

    abstract CodeBlock mul(CodeBlock a, CodeBlock b);

    abstract CodeBlock add(CodeBlock a, CodeBlock b);

    abstract CodeBlock sub(CodeBlock a, CodeBlock b);

    /** {@code 1 - a}. */
    abstract CodeBlock oneMinus(CodeBlock a);

    /** {@code f(a)} of the layer's activation (or, with {@code gate}, the recurrent one). */
    abstract CodeBlock apply(boolean gate, CodeBlock a);

    /** {@code dy * f'} from the output {@code y}. */
    abstract CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y);

    /** Binds {@code expression} to the local {@code name}, which it returns. */
    CodeBlock let(String name, CodeBlock expression) {
        body.addStatement("$T $L = $L", type(), name, expression);
        return CodeBlock.of("$L", name);
    }

    /** The forms of the layer's activation, or with {@code gate} of its recurrent one. */
    ActivationEmitter.Form form(boolean gate) {
        ActivationType type = gate ? layer.spec().settings().recurrentActivation() : layer.spec().activation().type();
        return activations.of(new ActivationSpec(type, gate ? Double.NaN : layer.spec().activation().alpha(), false,
                layer.spec().source()));
    }

    private static final class Scalar extends Lane {

        Scalar(Numeric numeric, LayerPlan layer) {
            super(numeric, layer);
        }

        @Override
        TypeName type() {
            return numeric.type();
        }

        @Override
        CodeBlock load(String array, String index) {
            return CodeBlock.of("$L[$L]", array, index);
        }

        @Override
        void store(CodeBlock value, String array, String index) {
            body.addStatement("$L[$L] = $L", array, index, value);
        }

        @Override
        CodeBlock mul(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L * $L", grouped(a), grouped(b));
        }

        private CodeBlock grouped(CodeBlock operand) {
            return operand.toString().contains(" ") ? CodeBlock.of("($L)", operand) : operand;
        }

        @Override
        CodeBlock add(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L + $L", a, b);
        }

        @Override
        CodeBlock sub(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L - $L", a, grouped(b));
        }

        @Override
        CodeBlock oneMinus(CodeBlock a) {
            return CodeBlock.of("(1 - $L)", grouped(a));
        }

        @Override
        CodeBlock apply(boolean gate, CodeBlock a) {
            return form(gate).scalar().emit(null, grouped(a).toString());
        }

        @Override
        CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y) {
            return form(gate).scalarDerivative().emit(null, grouped(dy).toString(), grouped(y).toString());
        }
    }

    private static final class Vector extends Lane {

        Vector(Numeric numeric, LayerPlan layer) {
            super(numeric, layer);
        }

        @Override
        TypeName type() {
            return numeric.vector();
        }

        @Override
        CodeBlock load(String array, String index) {
            return CodeBlock.of("$T.fromArray(SPECIES, $L, $L)", numeric.vector(), array, index);
        }

        @Override
        void store(CodeBlock value, String array, String index) {
            body.addStatement("$L.intoArray($L, $L)", value, array, index);
        }

        @Override
        CodeBlock mul(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.mul($L)", a, b);
        }

        @Override
        CodeBlock add(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.add($L)", a, b);
        }

        @Override
        CodeBlock sub(CodeBlock a, CodeBlock b) {
            return CodeBlock.of("$L.sub($L)", a, b);
        }

        @Override
        CodeBlock oneMinus(CodeBlock a) {
            return CodeBlock.of("$L.neg().add($L)", a, numeric.literal(1));
        }

        @Override
        CodeBlock apply(boolean gate, CodeBlock a) {
            return form(gate).vector().emit(body, a.toString());
        }

        @Override
        CodeBlock slope(boolean gate, CodeBlock dy, CodeBlock y) {
            return form(gate).derivative().emit(body, dy.toString(), y.toString());
        }
    }
}
