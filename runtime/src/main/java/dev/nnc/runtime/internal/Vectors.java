package dev.nnc.runtime.internal;

import dev.nnc.runtime.Checks;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species generated code runs on, chosen once per JVM by the system property
 * {@value #PROPERTY}: {@code preferred} (the default: the widest the CPU has) or a width in bits
 * ({@code 64}, {@code 128}, {@code 256}, {@code 512}). Any width gives the same bits
 * (NUMERICS.md), so the property is for testing that: a narrower width than the CPU's runs
 * compiled, a wider one runs in the Vector API's Java implementation, correct but tens of times
 * slower, which a model on a wider machine's lanes needs only in a test. Generated classes keep the result in a
 * {@code static final} field, so C2 treats it as a constant.
 */
public final class Vectors {

    /** The system property that picks the species. */
    public static final String PROPERTY = "nnc.vector.bits";

    private Vectors() {}

    /** The species of the finite probe; in a holder so a bad property fails its reader, not this class. */
    private static final class Probe {
        static final VectorSpecies<Float> FLOATS = floatSpecies();
    }

    /**
     * The first {@code n} rows of {@code width} values are finite, as {@link Checks#finite(String,
     * float[], int, int)} with its message, but fast enough to run on every batch: it probes with
     * {@code sum(v * 0)}, which stays 0 unless a value is NaN or infinite, in two vector sums
     * (3 us at 64 x 784 inputs; a scalar probe took 15 us, one serial sum 47 us). Only when the
     * probe fails is the culprit looked for.
     */
    public static void requireFinite(String argument, float[] array, int n, int width) {
        int count = n * width;
        VectorSpecies<Float> species = Probe.FLOATS;
        FloatVector zero = FloatVector.zero(species);
        FloatVector probe0 = zero;
        FloatVector probe1 = zero;
        int lanes = species.length();
        int i = 0;
        for (; i + 2 * lanes <= count; i += 2 * lanes) {
            probe0 = FloatVector.fromArray(species, array, i).fma(zero, probe0);
            probe1 = FloatVector.fromArray(species, array, i + lanes).fma(zero, probe1);
        }
        float probe = probe0.add(probe1).reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            probe += array[i] * 0f;
        }
        if (probe != 0f) {
            Checks.finite(argument, array, n, width);
        }
    }

    /** The float species chosen by {@value #PROPERTY}. */
    public static VectorSpecies<Float> floatSpecies() {
        return FloatVector.SPECIES_PREFERRED.withShape(shape());
    }

    /** The double species chosen by {@value #PROPERTY}. */
    public static VectorSpecies<Double> doubleSpecies() {
        return DoubleVector.SPECIES_PREFERRED.withShape(shape());
    }

    private static VectorShape shape() {
        String value = System.getProperty(PROPERTY, "preferred").trim();
        if (value.equals("preferred")) {
            return VectorShape.preferredShape();
        }
        int bits;
        try {
            bits = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 'preferred' or a width in bits, found '" + value + "'");
        }
        try {
            return VectorShape.forBitSize(bits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 64, 128, 256 or 512, found " + bits);
        }
    }
}
