package dev.nnc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnc.runtime.internal.Vectors;
import jdk.incubator.vector.VectorShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The numeric tests run twice, at the machine's width and at 128 bits; this proves the second run is narrower. */
@Tag("numeric")
class VectorWidthTest {

    @Test
    void speciesFollowsTheProperty() {
        String bits = System.getProperty(Vectors.PROPERTY);
        int expected = bits == null ? VectorShape.preferredShape().vectorBitSize() : Integer.parseInt(bits);
        assertEquals(expected, Vectors.floatSpecies().vectorBitSize());
        assertEquals(expected, Vectors.doubleSpecies().vectorBitSize());
        assertTrue(Vectors.floatSpecies().length() >= 2);
    }
}
