package dev.nnc.runtime;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
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

    /**
     * The shuffle that moves lane {@code i + lanes} (modulo the vector's length) to lane {@code i}:
     * a vector plus itself rotated by half its lanes, then a quarter, ... one, holds the sum of its
     * lanes in lane 0, in a tree the lane count fixes, the same in every JIT tier
     * ({@code reduceLanes(ADD)} leaves its order open). Generated code keeps one per rotation in a
     * static final field.
     */
    public static <E> VectorShuffle<E> rotation(VectorSpecies<E> species, int lanes) {
        return VectorShuffle.iota(species, lanes % species.length(), 1, true);
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
