package dev.nnc.processor.emit;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.plan.Activations;
import dev.nnc.processor.spec.ActivationSpec;
import dev.nnc.processor.spec.Source;
import org.junit.jupiter.api.Test;

/** The emitter's forms agree with the plan's table of activations, which decides the buffers and the fusion. */
class ActivationEmitterTest {

    @Test
    void anActivationHasAFusedFormExactlyWhereThePlanFusesIt() {
        ActivationEmitter emitter = new ActivationEmitter(Numeric.FLOAT);
        for (ActivationType type : ActivationType.values()) {
            if (Activations.rowWise(type)) {
                continue;
            }
            ActivationSpec spec = new ActivationSpec(type, Double.NaN, false, Source.of(1));
            assertWithMessage(type.name()).that(emitter.of(spec).fused()).isEqualTo(Activations.fusable(type));
        }
    }
}
