package dev.nnc.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species generated code runs on, chosen once per JVM by the system property
 * {@value #PROPERTY}: {@code preferred} (the default: the widest the CPU has) or a width in bits
 * ({@code 64}, {@code 128}, {@code 256}, {@code 512}). A narrower width than the CPU's is useful to
 * test code for narrower machines; a wider one is refused, because it would fall back to slow Java
 * objects. Generated classes keep the result in a {@code static final} field, so C2 treats it as
 * a constant.
 */
public final class Vectors {

    /** The system property that picks the species. */
    public static final String PROPERTY = "nnc.vector.bits";

    private Vectors() {}

    /** The float species chosen by {@value #PROPERTY}. */
    public static VectorSpecies<Float> floatSpecies() {
        return FloatVector.SPECIES_PREFERRED.withShape(shape());
    }

    /** The double species chosen by {@value #PROPERTY}. */
    public static VectorSpecies<Double> doubleSpecies() {
        return DoubleVector.SPECIES_PREFERRED.withShape(shape());
    }

    private static VectorShape shape() {
        VectorShape preferred = VectorShape.preferredShape();
        String value = System.getProperty(PROPERTY, "preferred").trim();
        if (value.equals("preferred")) {
            return preferred;
        }
        int bits;
        try {
            bits = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 'preferred' or a width in bits, found '" + value + "'");
        }
        if (bits > preferred.vectorBitSize()) {
            throw new IllegalArgumentException(PROPERTY + "=" + bits + " is wider than this CPU's "
                    + preferred.vectorBitSize() + "-bit vectors");
        }
        try {
            return VectorShape.forBitSize(bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 64, 128, 256 or 512, found " + bits);
        }
    }
}
